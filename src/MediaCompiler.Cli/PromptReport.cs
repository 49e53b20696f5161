using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;

namespace MediaCompiler.Cli;

/// <summary>One validated prompt: the path as the user wrote it, the validator's verdict and the content hash.</summary>
public sealed record PromptReport(string Path, PromptValidation Validation, string? Sha256)
{
    public bool Ok => Validation.IsValid;

    public static PromptReport Create(string path) =>
        new(path, PromptValidator.Validate(path), HashOrNull(path));

    /// <summary>
    /// The hash of a file that vanished or is locked between listing and hashing is simply unknown; the validator has
    /// already reported why the file cannot be read.
    /// </summary>
    internal static string? HashOrNull(string path)
    {
        try
        {
            return ContentHash.OfFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
