namespace MediaCompiler.Pipeline;

/// <summary>One IvrPrompt item as MSBuild hands it over: the full path and its metadata, unparsed.</summary>
/// <param name="Path">Full path of the prompt file.</param>
/// <param name="ItemSpec">The path as written in the project (used in fix-it hints such as <c>Update="..."</c>).</param>
public sealed record RawPrompt(string Path, string ItemSpec, string? NodeId, string? Priority, string? FallbackEncoding);

/// <summary>One prompt with its metadata checked and defaulted.</summary>
/// <param name="ItemSpec">The path as written in the project; null when not known (tests).</param>
public sealed record PromptInput(string Path, string NodeId, int Priority, string FallbackEncoding, string? ItemSpec = null);
