using MediaCompiler.Diagnostics;

namespace MediaCompiler.Cli.Fixing;

/// <summary>What fixing one file came to.</summary>
public abstract record FixOutcome(string Source);

/// <summary>The file already met the target: nothing was written.</summary>
public sealed record FixUnchanged(string Source, string Summary) : FixOutcome(Source);

/// <summary>A fixed prompt was written to <paramref name="Output"/> (or would be, on a dry run).</summary>
public sealed record FixWritten(string Source, string Output, string Before, string After, string? Backup, bool DryRun,
    IReadOnlyList<Diagnostic> Remaining) : FixOutcome(Source);

/// <summary>The file could not be fixed; the diagnostic says why.</summary>
public sealed record FixRefused(string Source, Diagnostic Reason) : FixOutcome(Source);
