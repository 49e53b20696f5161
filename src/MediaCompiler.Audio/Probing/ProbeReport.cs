using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Probing;

/// <summary>Collects the structural diagnostics of one probe, all against the same file name.</summary>
internal sealed class ProbeReport(string fileName)
{
    private readonly List<Diagnostic> _diagnostics = [];

    public string FileName { get; } = fileName;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Adds <paramref name="descriptor"/> with the file name as {0} followed by <paramref name="args"/>.</summary>
    public void Add(DiagnosticDescriptor descriptor, params object?[] args) =>
        _diagnostics.Add(Diagnostic.Create(descriptor, FileName, [FileName, .. args]));
}
