using MediaCompiler.Diagnostics;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Build.Tests.Support;

/// <summary>Records what the pipeline reports.</summary>
public sealed class RecordingLog : IPipelineLog
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<string> _messages = [];

    public IReadOnlyList<Diagnostic> Diagnostics { get { lock (_diagnostics) { return _diagnostics.ToArray(); } } }
    public IReadOnlyList<string> Messages { get { lock (_messages) { return _messages.ToArray(); } } }
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning);

    public void Report(Diagnostic diagnostic)
    {
        lock (_diagnostics) { _diagnostics.Add(diagnostic); }
    }

    public void Clear()
    {
        lock (_diagnostics) { _diagnostics.Clear(); }
        lock (_messages) { _messages.Clear(); }
    }

    public void Info(string message, bool important = false)
    {
        lock (_messages) { _messages.Add(message); }
    }
}
