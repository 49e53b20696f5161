using System.Collections;
using Microsoft.Build.Framework;

namespace MediaCompiler.Build.Tests.Support;

/// <summary>A build engine that records what a task logs, for running a task without MSBuild.</summary>
public sealed class RecordingBuildEngine : IBuildEngine
{
    private readonly List<BuildErrorEventArgs> _errors = [];
    private readonly List<BuildWarningEventArgs> _warnings = [];
    private readonly List<BuildMessageEventArgs> _messages = [];

    public IReadOnlyList<BuildErrorEventArgs> Errors { get { lock (_errors) { return _errors.ToArray(); } } }
    public IReadOnlyList<BuildWarningEventArgs> Warnings { get { lock (_errors) { return _warnings.ToArray(); } } }
    public IReadOnlyList<BuildMessageEventArgs> Messages { get { lock (_errors) { return _messages.ToArray(); } } }

    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;
    public string ProjectFileOfTaskNode => "test.proj";

    public void LogErrorEvent(BuildErrorEventArgs e) { lock (_errors) { _errors.Add(e); } }
    public void LogWarningEvent(BuildWarningEventArgs e) { lock (_errors) { _warnings.Add(e); } }
    public void LogMessageEvent(BuildMessageEventArgs e) { lock (_errors) { _messages.Add(e); } }
    public void LogCustomEvent(CustomBuildEventArgs e) { }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();
}
