namespace MediaCompiler.Cli.Tests.Fuzz;

/// <summary>
/// Issue 20's memory cap per prompt, as the tests hold the build and the CLI to it: the bytes allocated while one
/// prompt is probed, checked and measured are at most 64 × its file size plus a fixed 32 MiB (the decoders' tables,
/// the P.56 meter's and the resampler's buffers, which do not grow with the file), and never more than 256 MiB.
/// Allocated bytes bound the peak from above (a peak cannot exceed what was allocated), so holding the total holds
/// the peak.
/// </summary>
public static class PromptMemoryCap
{
    public const long PerFileByte = 64;

    public const long Slack = 32L * 1024 * 1024;

    public const long Ceiling = 256L * 1024 * 1024;

    public static long For(long fileBytes) => Math.Min(Ceiling, (PerFileByte * fileBytes) + Slack);

    /// <summary>The cap the fuzz suite holds every seed's mutants to: the same as every other prompt's.</summary>
    public static long ForFuzzedFormat(string seedName, long fileBytes) => For(fileBytes);
}
