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

    /// <summary>True once a warning was reported (it may have been promoted to an error; see CompileIvrPrompts).</summary>
    public bool HasLoggedWarnings { get; private set; }

    private readonly List<Diagnostic> _reported = [];

    /// <summary>Every diagnostic reported so far, each on the file it was logged on (for IvrSarifLog).</summary>
    public IReadOnlyList<Diagnostic> Reported
    {
        get
        {
            lock (_gate)
            {
                return [.. _reported];
            }
        }
    }

    private string ProjectName => Path.GetFileNameWithoutExtension(_projectFile);

    public void Report(Diagnostic diagnostic)
    {
        var file = string.IsNullOrEmpty(diagnostic.File) ? _projectFile : diagnostic.File;
        var helpLink = DiagnosticHelpLink.For(_helpDocumentUrl, diagnostic.Code);
        lock (_gate)
        {
            _reported.Add(diagnostic with { File = file });
            // No message arguments are passed, so MSBuild never treats '{' in an engine message as a format item.
            switch (diagnostic.Severity)
            {
                case DiagnosticSeverity.Error:
                    _log.LogError(null, diagnostic.Code, diagnostic.Code, helpLink, file, 0, 0, 0, 0, diagnostic.Message);
                    break;
                case DiagnosticSeverity.Warning:
                    HasLoggedWarnings = true;
                    _log.LogWarning(null, diagnostic.Code, diagnostic.Code, helpLink, file, 0, 0, 0, 0, diagnostic.Message);
                    break;
                default:
                    _log.LogMessage(null, diagnostic.Code, diagnostic.Code, file, 0, 0, 0, 0, MessageImportance.Normal, diagnostic.Message);
                    break;
            }
        }
    }

    /// <remarks>
    /// An important line is the run's summary. It is logged as "<c>project -> summary</c>", MSBuild's convention for a
    /// project's result line: the console logger shows it at minimal verbosity, and the terminal logger (which hides
    /// other messages at its default verbosity) prints it on the project's own line, "<c>project succeeded → summary</c>".
    /// </remarks>
    public void Info(string message, bool important = false)
    {
        lock (_gate)
        {
            if (important)
            {
                _log.LogMessage(MessageImportance.High, $"{ProjectName} -> {message}");
            }
            else
            {
                _log.LogMessage(MessageImportance.Low, message);
            }
        }
    }

    /// <summary>
    /// A progress line (uploading k/N, the compile job's state, a wait for a rate limit) shown at normal verbosity with
    /// the console logger. It names the project, since a solution build interleaves several. The terminal logger shows
    /// such lines only at detailed verbosity; at its default it shows the running target with its elapsed time.
    /// </summary>
    public void Progress(string message)
    {
        lock (_gate)
        {
            _log.LogMessage(MessageImportance.High, $"{ProjectName}: {message}");
        }
    }
}
