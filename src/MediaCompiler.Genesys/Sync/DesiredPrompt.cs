namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// One language of one prompt as the project wants it.
/// </summary>
/// <param name="Name">The Architect prompt name (<c>^[A-Za-z][A-Za-z0-9_]{0,199}$</c>).</param>
/// <param name="Language">Architect language code, lower case (e.g. <c>en-us</c>).</param>
/// <param name="AudioPath">The WAV to upload; null for a TTS-only resource.</param>
/// <param name="ContentHash">SHA-256 of the bytes to upload, as 64 lower-case hex digits (with or without <c>sha256:</c>); null when TTS-only.</param>
/// <param name="Text">The resource's display text.</param>
/// <param name="TtsText">What TTS speaks for the resource.</param>
/// <param name="Description">The prompt's description (per prompt, not per language).</param>
/// <param name="SourceFile">The project file diagnostics point at (default: <paramref name="AudioPath"/>).</param>
public sealed record DesiredPrompt(
    string Name,
    string Language,
    string? AudioPath,
    string? ContentHash,
    string? Text = null,
    string? TtsText = null,
    string? Description = null,
    string? SourceFile = null)
{
    /// <summary>The hash without the <c>sha256:</c> prefix, lower case (what the resource's tag holds).</summary>
    public string? HashHex => ContentHash is null ? null
        : (ContentHash.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? ContentHash[7..] : ContentHash).ToLowerInvariant();

    public string? File => SourceFile ?? AudioPath;

    public override string ToString() => $"{Name} ({Language})";
}
