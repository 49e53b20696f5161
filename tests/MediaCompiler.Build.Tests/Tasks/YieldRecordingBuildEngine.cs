using System.Collections;
using MediaCompiler.Build.Tests.Support;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Framework;

namespace MediaCompiler.Build.Tests.Tasks;

/// <summary>A recording build engine that also records when a task yields its node and takes it back.</summary>
public sealed class YieldRecordingBuildEngine : IBuildEngine3
{
    private readonly List<string> _nodeEvents = [];

    public RecordingBuildEngine Log { get; } = new();

    /// <summary>"Yield" and "Reacquire", in order.</summary>
    public IReadOnlyList<string> NodeEvents { get { lock (_nodeEvents) { return _nodeEvents.ToArray(); } } }

    public void Yield() { lock (_nodeEvents) { _nodeEvents.Add("Yield"); } }
    public void Reacquire()
    {
        lock (_nodeEvents) { _nodeEvents.Add("Reacquire"); }
        if (AbortOnReacquire)
        {
            // What MSBuild's TaskHost does when the build was cancelled while the task had yielded.
            throw new BuildAbortedException("MSB4188: Build was canceled.");
        }
    }

    /// <summary>Reacquire throws as MSBuild's does once the build is being cancelled.</summary>
    public bool AbortOnReacquire { get; set; }

    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;
    public string ProjectFileOfTaskNode => "/repo/prompts/ivr.proj";
    public bool IsRunningMultipleNodes => false;

    public void LogErrorEvent(BuildErrorEventArgs e) => Log.LogErrorEvent(e);
    public void LogWarningEvent(BuildWarningEventArgs e) => Log.LogWarningEvent(e);
    public void LogMessageEvent(BuildMessageEventArgs e) => Log.LogMessageEvent(e);
    public void LogCustomEvent(CustomBuildEventArgs e) { }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();
    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) =>
        throw new NotSupportedException();
    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) =>
        throw new NotSupportedException();
    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) =>
        throw new NotSupportedException();
}
