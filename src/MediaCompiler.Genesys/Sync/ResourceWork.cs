using MediaCompiler.Diagnostics;

namespace MediaCompiler.Genesys.Sync;

/// <summary>The mutable progress of one planned resource while a sync runs.</summary>
internal sealed class ResourceWork(PlannedResource planned)
{
    public PlannedResource Planned { get; set; } = planned;

    public DesiredPrompt Desired => Planned.Desired;

    public string? PromptId { get; set; } = planned.Existing?.Id;

    public ResourceState State { get; set; } = planned.Action == SyncAction.Unchanged ? ResourceState.Unchanged : ResourceState.NotDone;

    public string? MediaUri { get; set; } = planned.ExistingResource?.MediaUri;

    /// <summary>Set once the upload was accepted; the transcode deadline counts from here.</summary>
    public DateTimeOffset? UploadedAt { get; set; }

    public string LastStatus { get; set; } = UploadStatus.Uploaded;

    /// <summary>
    /// The mediaUri of the audio this upload replaces. Until the platform shows the new upload in progress or a new
    /// mediaUri, a <c>transcoded</c> status may still describe the old audio and is not taken as done.
    /// </summary>
    public string? ReplacedMediaUri { get; set; } = planned.ExistingResource?.UploadStatus == UploadStatus.Transcoded ? planned.ExistingResource.MediaUri : null;

    /// <summary>A poll saw this upload before its final state (created or uploaded).</summary>
    public bool SeenInProgress { get; set; }

    /// <summary>Whether the transcoded resource, read back, still carried the tags we wrote (null: not read back).</summary>
    public bool? TagsKept { get; set; }

    /// <summary>When this sync created the resource's prompt, or found it after its create answered 409 (null: it existed before).</summary>
    public DateTimeOffset? PromptCreatedAt { get; set; }

    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>The prompt existed before this sync (so flows may already play it).</summary>
    public bool PromptPreExisted { get; set; } = planned.Existing is not null;

    public void Fail(Diagnostic diagnostic)
    {
        Diagnostics.Add(diagnostic.File is null && Desired.File is not null ? diagnostic with { File = Desired.File } : diagnostic);
        State = ResourceState.Failed;
    }

    public ResourceResult ToResult() => new(Desired, Planned.Action, State, PromptId, MediaUri, Diagnostics);
}
