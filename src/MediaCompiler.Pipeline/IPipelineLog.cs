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

    /// <summary>
    /// A line that shows at normal verbosity while a long build runs ("validated N prompts", "uploading k/N",
    /// the compile job's state, long waits). Throttled by the pipeline; concise.
    /// </summary>
    void Progress(string message) => Info(message, important: true);
}
