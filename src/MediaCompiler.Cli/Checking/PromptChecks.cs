using MediaCompiler.Audio.Rules;

namespace MediaCompiler.Cli.Checking;

/// <summary>
/// Every check the build applies to a prompt before any network work, in the build's order: the probe, the media
/// engine's rules (or the platform's), the NodeId the build takes from the file name, then, when the headers pass,
/// the content checks on the decoded audio.
/// </summary>
internal static class PromptChecks
{
    /// <summary>The content checks validate runs; the lead points this at the engine's quality analyser.</summary>
    public static IPromptContentCheck DefaultContentCheck { get; } = new SilenceCheck();

    public static PromptValidation Run(string path, TargetPlatform platform, IPromptContentCheck? content)
    {
        var verdict = PlatformRules.Validate(path, platform);
        if (content is null || !verdict.IsValid)
        {
            return verdict;
        }

        var found = content.Check(path, verdict.Probe, platform);
        return found.Count == 0 ? verdict : verdict with { Diagnostics = [.. verdict.Diagnostics, .. found] };
    }
}
