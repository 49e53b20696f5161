using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Dependency tracking (reference §6.4): published flows snapshot prompts at publish time, so after a change they
/// still play the old audio until republished; and an orphan may be deleted only when no flow uses it.
/// </summary>
internal sealed class ConsumerChecks(ArchitectApi api, GenesysSyncOptions options)
{
    /// <summary>One warning per changed pre-existing prompt that published flows use; returns the flow names.</summary>
    public async Task<IReadOnlyList<string>> WarnAboutStaleFlowsAsync(IReadOnlyList<ResourceWork> work, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var flows = new SortedSet<string>(StringComparer.Ordinal);
        var changed = work
            .Where(r => r.PromptPreExisted && r.PromptId is not null && r.State is ResourceState.Updated or ResourceState.TextUpdated or ResourceState.Created)
            .GroupBy(r => r.PromptId!);
        foreach (var prompt in changed)
        {
            var consumers = await api.ConsumersAsync(prompt.Key, publishedOnly: true, cancellationToken).ConfigureAwait(false);
            if (consumers.Failure is { } failure)
            {
                // The check informs; it must not fail a sync that otherwise succeeded.
                diagnostics.Add(failure with { Severity = DiagnosticSeverity.Warning });
                continue;
            }

            var names = FlowNames(consumers.Value!);
            if (names.Count == 0)
            {
                continue;
            }

            flows.UnionWith(names);
            var first = prompt.First();
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysFlowsPlayOldAudio, first.Desired.File, first.Desired.Name,
                string.Join(", ", names.Select(n => $"'{n}'"))));
        }

        return flows.ToList();
    }

    /// <summary>Warns about each orphan; with DeleteOrphans deletes those no flow uses. Returns how many were deleted.</summary>
    public async Task<int> HandleOrphansAsync(IReadOnlyList<OrphanPrompt> orphans, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var orphan in orphans)
        {
            if (!options.DeleteOrphans)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysOrphanPrompt, null, orphan.Name, orphan.Id));
                continue;
            }

            var consumers = await api.ConsumersAsync(orphan.Id, publishedOnly: false, cancellationToken).ConfigureAwait(false);
            if (consumers.Failure is { } failure)
            {
                diagnostics.Add(failure);
                continue;
            }

            var names = FlowNames(consumers.Value!);
            if (names.Count > 0)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysOrphanConsumed, null, orphan.Name, orphan.Id, string.Join(", ", names.Select(n => $"'{n}'"))));
                continue;
            }

            var sent = await api.DeletePromptAsync(orphan.Id, cancellationToken).ConfigureAwait(false);
            if (sent.Failure is { } deleteFailure)
            {
                diagnostics.Add(deleteFailure);
            }
            else if (sent.Value!.IsSuccess || sent.Value.Status is 404 or 410)
            {
                // 404/410: someone else deleted it first; the outcome is the one wanted.
                deleted++;
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysOrphanDeleted, null, orphan.Name, orphan.Id));
            }
            else
            {
                diagnostics.Add(sent.Value.Unexpected());
            }
        }

        return deleted;
    }

    private static List<string> FlowNames(DependencyListingDto listing) =>
        (listing.Entities ?? [])
            .Where(d => d.Deleted != true)
            .Select(d => d.Name ?? d.Id ?? "?")
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
