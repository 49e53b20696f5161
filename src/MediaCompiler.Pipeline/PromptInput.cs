namespace MediaCompiler.Pipeline;

/// <summary>One IvrPrompt item as MSBuild hands it over: the full path and its metadata, unparsed.</summary>
/// <param name="Path">Full path of the prompt file.</param>
/// <param name="ItemSpec">The path as written in the project (used in fix-it hints such as <c>Update="..."</c>).</param>
public sealed record RawPrompt(string Path, string ItemSpec, string? NodeId, string? Priority, string? FallbackEncoding)
{
    /// <summary>Architect prompt name (Genesys Cloud); default: the file name without extension.</summary>
    public string? PromptName { get; init; }

    /// <summary>Language code; default: the nearest parent folder named like one, else IvrDefaultLanguage.</summary>
    public string? Language { get; init; }

    public string? Text { get; init; }

    /// <summary>What TTS speaks; default: the sidecar <c>&lt;file&gt;.txt</c> beside the audio, when present.</summary>
    public string? TtsText { get; init; }

    public string? Description { get; init; }
}

/// <summary>One prompt with its metadata checked and defaulted.</summary>
/// <param name="ItemSpec">The path as written in the project; null when not known (tests).</param>
public sealed record PromptInput(string Path, string NodeId, int Priority, string FallbackEncoding, string? ItemSpec = null)
{
    /// <summary>Lower-case language code (from metadata, folder or IvrDefaultLanguage); null in tests that set none.</summary>
    public string? Language { get; init; }

    /// <summary>The Architect prompt name (Genesys Cloud only).</summary>
    public string? PromptName { get; init; }

    public string? Text { get; init; }
    public string? TtsText { get; init; }
    public string? Description { get; init; }
}
