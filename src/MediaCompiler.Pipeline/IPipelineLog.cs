using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline;

/// <summary>
/// Where the pipeline reports. The MSBuild task maps it onto the build log; tests record it. Keeping this small is
/// what lets the whole pipeline run (and be tested) without MSBuild.
/// </summary>
public interface IPipelineLog
{
    /// <summary>A coded error or warning, usually on a prompt file.</summary>
    void Report(Diagnostic diagnostic);

    /// <summary>A progress line. <paramref name="important"/> lines show at normal verbosity (the summary).</summary>
    void Info(string message, bool important = false);
}
