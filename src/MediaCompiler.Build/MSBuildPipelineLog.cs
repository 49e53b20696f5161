using MediaCompiler.Diagnostics;
using MediaCompiler.Pipeline;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MediaCompiler.Build;

/// <summary>
/// Maps pipeline diagnostics onto the build log in the canonical form (<c>file : error IVR1001: message</c>) that
/// Visual Studio's error list, GitHub/Azure DevOps annotations and problem matchers all pick up.
/// </summary>
internal sealed class MSBuildPipelineLog : IPipelineLog
{
    private readonly TaskLoggingHelper _log;
    private readonly string? _helpDocumentUrl;
    private readonly string _projectFile;
    // Uploads report from several threads; the build engine's callbacks are not all guaranteed to be reentrant.
    private readonly object _gate = new();

    /// <param name="projectFile">
    /// The project being built. A diagnostic without a file (a setting, the engine) is reported on it: left empty,
    /// MSBuild would point it at the task's line in the package's .targets file, deep in the NuGet cache.
    /// </param>
    /// <param name="helpDocumentUrl">docs/diagnostics.md; every code's HelpLink points at its entry there.</param>
    public MSBuildPipelineLog(TaskLoggingHelper log, string? projectFile = null, string? helpDocumentUrl = null)
    {
        _log = log;
        _projectFile = projectFile ?? "";
        _helpDocumentUrl = helpDocumentUrl;
    }

    private string ProjectName => Path.GetFileNameWithoutExtension(_projectFile);

    public void Report(Diagnostic diagnostic)
    {
        var file = string.IsNullOrEmpty(diagnostic.File) ? _projectFile : diagnostic.File;
        var helpLink = DiagnosticHelpLink.For(_helpDocumentUrl, diagnostic.Code);
        lock (_gate)
        {
            // No message arguments are passed, so MSBuild never treats '{' in an engine message as a format item.
            switch (diagnostic.Severity)
            {
                case DiagnosticSeverity.Error:
                    _log.LogError(null, diagnostic.Code, diagnostic.Code, helpLink, file, 0, 0, 0, 0, diagnostic.Message);
                    break;
                case DiagnosticSeverity.Warning:
                    _log.LogWarning(null, diagnostic.Code, diagnostic.Code, helpLink, file, 0, 0, 0, 0, diagnostic.Message);
                    break;
                default:
                    _log.LogMessage(null, diagnostic.Code, diagnostic.Code, file, 0, 0, 0, 0, MessageImportance.Normal, diagnostic.Message);
                    break;
            }
        }
    }

    public void Info(string message, bool important = false)
    {
        if (important)
        {
            Progress(message);
            return;
        }
        lock (_gate)
        {
            _log.LogMessage(MessageImportance.Low, message);
        }
    }

    /// <summary>
    /// A line the user should see at normal verbosity and under the terminal logger (which shows high-importance
    /// messages only): progress while uploading, compiling or waiting, and the summary. It names the project, since a
    /// solution build interleaves several.
    /// </summary>
    public void Progress(string message)
    {
        lock (_gate)
        {
            _log.LogMessage(MessageImportance.High, $"{ProjectName}: {message}");
        }
    }
}
