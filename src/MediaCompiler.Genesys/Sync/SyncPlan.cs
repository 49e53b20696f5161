using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>What a sync does about one (prompt, language).</summary>
public enum SyncAction
{
    /// <summary>Hash tag, text and TTS text equal, and the audio is transcoded: no request at all.</summary>
    Unchanged,

    /// <summary>No prompt of that name: create the prompt, then the resource, then upload.</summary>
    CreatePrompt,

    /// <summary>The prompt exists without this language: create the resource, then upload.</summary>
    CreateResource,

    /// <summary>The audio differs: update the resource (new hash tag, texts), then upload.</summary>
    UpdateResource,

    /// <summary>Hash, texts equal but the audio never reached <c>transcoded</c>: upload again.</summary>
    UploadAudio,

    /// <summary>The audio is current; only text, TTS text or our tags differ: update the resource, no upload.</summary>
    TextOnlyUpdate,
}

/// <summary>The decision for one desired resource, with what the listing knew of it.</summary>
public sealed record PlannedResource(DesiredPrompt Desired, SyncAction Action, PromptDto? Existing, PromptAssetDto? ExistingResource)
{
    public bool Uploads => Action is SyncAction.CreatePrompt or SyncAction.CreateResource or SyncAction.UpdateResource or SyncAction.UploadAudio
        && Desired.AudioPath is not null;
}

/// <summary>A prompt in the org that carries our marker but that the project no longer has.</summary>
public sealed record OrphanPrompt(string Id, string Name);

/// <summary>An existing prompt whose description the project sets to another value.</summary>
public sealed record DescriptionUpdate(string PromptId, string Name, string Description, string? File);

/// <summary>A language our build wrote on a project prompt that the project no longer provides.</summary>
public sealed record StaleLanguage(string PromptId, string Name, string Language);

/// <summary>The planner's whole answer: one decision per valid desired resource, description changes, orphans, input problems.</summary>
public sealed record SyncPlan(
    IReadOnlyList<PlannedResource> Resources,
    IReadOnlyList<DescriptionUpdate> DescriptionUpdates,
    IReadOnlyList<OrphanPrompt> Orphans,
    IReadOnlyList<StaleLanguage> StaleLanguages,
    IReadOnlyList<Diagnostic> Problems);
