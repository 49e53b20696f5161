using Microsoft.Build.Framework;

namespace MediaCompiler.Build.Tests.MSBuild;

/// <summary>Records the build events the in-process MSBuild tests assert on.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<BuildErrorEventArgs> Errors { get; } = [];
    public List<BuildWarningEventArgs> Warnings { get; } = [];
    public List<string> TasksRun { get; } = [];
    public List<string> TargetsRun { get; } = [];
    public List<string> HighImportanceMessages { get; } = [];

    public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Normal;
    public string? Parameters { get; set; }

    public void Initialize(IEventSource eventSource)
    {
        eventSource.ErrorRaised += (_, e) => { lock (this) { Errors.Add(e); } };
        eventSource.WarningRaised += (_, e) => { lock (this) { Warnings.Add(e); } };
        eventSource.TaskStarted += (_, e) => { lock (this) { TasksRun.Add(e.TaskName); } };
        eventSource.TargetFinished += (_, e) =>
        {
            lock (this)
            {
                // TargetFinished is raised for targets that ran; skipped ones raise TargetSkipped instead.
                TargetsRun.Add(e.TargetName);
            }
        };
        eventSource.MessageRaised += (_, e) =>
        {
            if (e.Importance == MessageImportance.High)
            {
                lock (this) { HighImportanceMessages.Add(e.Message ?? ""); }
            }
        };
    }

    public void Shutdown()
    {
    }
}
