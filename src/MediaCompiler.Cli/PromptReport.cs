using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Cli.Checking;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Cli;

/// <summary>One validated prompt: the path as the user wrote it, the verdict and the content hash.</summary>
public sealed record PromptReport(string Path, PromptValidation Validation, string? Sha256)
{
    public bool Ok => Validation.IsValid;

    /// <summary>The speech level and silence; null when the audio was not measured (undecodable, or --no-quality).</summary>
    public PromptLoudness? Loudness { get; init; }

    /// <summary>The media engine's checks, as <c>validate</c> without options runs them.</summary>
    public static PromptReport Create(string path) => Create(path, TargetPlatform.MediaApi, QualitySettings.Default);

    internal static PromptReport Create(string path, TargetPlatform platform, QualitySettings quality)
    {
        var checkedPrompt = PromptChecks.Run(path, PromptPlatform.For(platform), quality);
        return new PromptReport(path, checkedPrompt.Validation, HashOrNull(path, platform))
        {
            Loudness = checkedPrompt.Loudness is { } measured ? PromptLoudness.From(measured) : null,
        };
    }

    /// <summary>This report with one more diagnostic (the run-wide level spread, placed on the file it names).</summary>
    internal PromptReport With(Diagnostic diagnostic) =>
        this with { Validation = Validation with { Diagnostics = [.. Validation.Diagnostics, diagnostic] } };

    /// <summary>A folder that could not be searched, reported in the same shapes as a prompt that fails.</summary>
    internal static PromptReport ForWalkProblem(Diagnostic problem)
    {
        var path = problem.File ?? string.Empty;
        return new PromptReport(path, new PromptValidation(new AudioProbeResult { Path = path }, [problem]), null);
    }

    /// <summary>
    /// The hash, or null when the file cannot be hashed: not a regular file, larger than the platform accepts (never
    /// read past the limit: a 2 GB file is refused from its size alone), or gone or locked since it was listed. The
    /// verdict already says why.
    /// </summary>
    internal static string? HashOrNull(string path, TargetPlatform platform = TargetPlatform.MediaApi)
    {
        try
        {
            return ContentHash.OfFileWithin(path, TargetPlatforms.MaxFileSizeBytes(platform));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
