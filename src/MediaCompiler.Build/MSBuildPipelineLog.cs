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
    // Uploads report from several threads; the build engine's callbacks are not all guaranteed to be reentrant.
    private readonly object _gate = new();

    public MSBuildPipelineLog(TaskLoggingHelper log) => _log = log;

    public void Report(Diagnostic diagnostic)
    {
        lock (_gate)
        {
            // No message arguments are passed, so MSBuild never treats '{' in an engine message as a format item.
            switch (diagnostic.Severity)
            {
                case DiagnosticSeverity.Error:
                    _log.LogError(null, diagnostic.Code, diagnostic.Code, diagnostic.File, 0, 0, 0, 0, diagnostic.Message);
                    break;
                case DiagnosticSeverity.Warning:
                    _log.LogWarning(null, diagnostic.Code, diagnostic.Code, diagnostic.File, 0, 0, 0, 0, diagnostic.Message);
                    break;
                default:
                    _log.LogMessage(null, diagnostic.Code, diagnostic.Code, diagnostic.File, 0, 0, 0, 0, MessageImportance.Normal, diagnostic.Message);
                    break;
            }
        }
    }

    public void Info(string message, bool important = false)
    {
        lock (_gate)
        {
            _log.LogMessage(important ? MessageImportance.High : MessageImportance.Low, message);
        }
    }
}
