namespace MediaCompiler.Audio.Rules;

/// <summary>
/// Applies the media engine's rules (MediaRules) to a probed prompt. Shared by the build task, the engine's upload
/// check and the CLI, so that all three answer the same question the same way.
/// </summary>
public static class PromptValidator
{
    /// <summary>Probes and validates the file at <paramref name="path"/>. Never throws.</summary>
    public static PromptValidation Validate(string path) => throw new NotImplementedException();

    /// <summary>Probes and validates uploaded content; <paramref name="fileName"/> supplies the extension.</summary>
    public static PromptValidation Validate(Stream content, string fileName) => throw new NotImplementedException();
}
