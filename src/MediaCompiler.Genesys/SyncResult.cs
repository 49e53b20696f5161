using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Sync;

namespace MediaCompiler.Genesys;

/// <summary>Where one (prompt, language) ended.</summary>
public enum ResourceState
{
    /// <summary>Already current; no request was made for it.</summary>
    Unchanged,

    /// <summary>Created, uploaded and transcoded (or created TTS-only).</summary>
    Created,

    /// <summary>New audio uploaded and transcoded.</summary>
    Updated,

    /// <summary>Text, TTS text or tags updated; the audio was current.</summary>
    TextUpdated,

    /// <summary>Something failed; the resource's diagnostics say what.</summary>
    Failed,

    /// <summary>Not finished because the sync was cancelled or stopped early.</summary>
    NotDone,
}

/// <summary>The outcome of one (prompt, language) with its own diagnostics (they name its file).</summary>
public sealed record ResourceResult(
    DesiredPrompt Prompt,
    SyncAction Action,
    ResourceState State,
    string? PromptId,
    string? MediaUri,
    IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>Counts for the audit log and the benchmark.</summary>
public sealed record SyncCounts(
    int PromptsCreated,
    int DescriptionsUpdated,
    int ResourcesCreated,
    int ResourcesUpdated,
    int Uploaded,
    int Unchanged,
    int OrphansDeleted,
    int Requests,
    int RateLimitWaits);

/// <summary>A whole sync: per-resource outcomes, diagnostics not tied to one resource, counts, flows to republish.</summary>
public sealed record SyncResult(
    IReadOnlyList<ResourceResult> Resources,
    IReadOnlyList<Diagnostic> Diagnostics,
    SyncCounts Counts,
    IReadOnlyList<string> FlowsToRepublish)
{
    /// <summary>Every diagnostic: the sync's own, then each resource's.</summary>
    public IEnumerable<Diagnostic> AllDiagnostics => Diagnostics.Concat(Resources.SelectMany(r => r.Diagnostics));

    /// <summary>No error, and every resource reached a final state (a cancelled sync has not succeeded).</summary>
    public bool Succeeded => !AllDiagnostics.Any(d => d.IsError) && Resources.All(r => r.State != ResourceState.NotDone);
}
