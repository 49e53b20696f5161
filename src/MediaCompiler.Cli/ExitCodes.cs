namespace MediaCompiler.Cli;

/// <summary>The process exit codes of <c>ivr-media</c>; scripts and git hooks branch on them.</summary>
public static class ExitCodes
{
    /// <summary>Every file passed (warnings allowed), or the command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>At least one file failed validation, or the probed file has errors.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong: no arguments, an unknown option, a path that matches nothing.</summary>
    public const int UsageError = 2;
}
