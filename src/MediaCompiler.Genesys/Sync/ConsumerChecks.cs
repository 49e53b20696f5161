using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Dependency tracking (reference §6.4): published flows snapshot prompts at publish time, so after a change they
/// still play the old audio until republished; and an orphan may be deleted only when nothing uses it, which only a
/// current dependency-tracking build can say. Every page of consumers is read (a prompt can have more than a page).
/// </summary>
internal sealed class ConsumerChecks(ArchitectApi api, GenesysSyncOptions options)
{
    /// <summary>Past this many pages the listing is taken as broken (a nextUri that never ends), not read for ever.</summary>
    private const int MaxPages = 1000;

    /// <summary>One warning per changed pre-existing prompt that published flows use; returns the flow names.</summary>
    public async Task<IReadOnlyList<string>> WarnAboutStaleFlowsAsync(IReadOnlyList<ResourceWork> work, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var flows = new SortedSet<string>(StringComparer.Ordinal);
        var changed = work
            .Where(r => r.PromptPreExisted && r.PromptId is not null && r.State is ResourceState.Updated or ResourceState.TextUpdated or ResourceState.Created)
            .GroupBy(r => r.PromptId!);
        foreach (var prompt in changed)
        {
            var consumers = await ConsumersAsync(prompt.Key, publishedOnly: true, cancellationToken).ConfigureAwait(false);
            if (consumers.Failure is { } failure)
            {
                // The check informs; it must not fail a sync that otherwise succeeded.
                diagnostics.Add(failure with { Severity = DiagnosticSeverity.Warning });
                continue;
            }

            if (consumers.Value!.Count == 0)
            {
                continue;
            }

            flows.UnionWith(consumers.Value.Select(c => c.Name ?? c.Id ?? "?"));
            var first = prompt.First();
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysFlowsPlayOldAudio, first.Desired.File, first.Desired.Name, Describe(consumers.Value)));
        }

        return flows.ToList();
    }

    /// <summary>
    /// Warns about each orphan; with DeleteOrphans deletes those nothing uses, and only while the org's
    /// dependency-tracking build is current (else one IVR6034 and no delete). Returns how many were deleted.
    /// </summary>
    public async Task<int> HandleOrphansAsync(IReadOnlyList<OrphanPrompt> orphans, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (!options.DeleteOrphans || orphans.Count == 0 || !await DependencyDataCurrentAsync(orphans, diagnostics, cancellationToken).ConfigureAwait(false))
        {
            diagnostics.AddRange(orphans.Select(o => Diagnostic.Create(DiagnosticCatalog.GenesysOrphanPrompt, null, o.Name, o.Id)));
            return 0;
        }

        var deleted = 0;
        foreach (var orphan in orphans)
        {
            var consumers = await ConsumersAsync(orphan.Id, publishedOnly: false, cancellationToken).ConfigureAwait(false);
            if (consumers.Failure is { } failure)
            {
                diagnostics.Add(failure);
                continue;
            }

            if (consumers.Value!.Count > 0)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysOrphanConsumed, null, orphan.Name, orphan.Id, Describe(consumers.Value)));
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

    /// <summary>
    /// True only when the dependency-tracking build is OPERATIONAL: while it is being (re)built, or was never built,
    /// an empty consumer list proves nothing. A failed status read keeps the orphans too (as a warning).
    /// </summary>
    private async Task<bool> DependencyDataCurrentAsync(IReadOnlyList<OrphanPrompt> orphans, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var build = await api.DependencyBuildAsync(cancellationToken).ConfigureAwait(false);
        if (build.Failure is { } failure)
        {
            diagnostics.Add(failure with { Severity = DiagnosticSeverity.Warning });
            return false;
        }

        var status = build.Value!.Status ?? "(none)";
        if (string.Equals(status, "OPERATIONAL", StringComparison.Ordinal))
        {
            return true;
        }

        diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysDependencyBuildNotCurrent, null, status, string.Join(", ", orphans.Select(o => $"'{o.Name}'"))));
        return false;
    }

    /// <summary>Every consumer that is not deleted, across all pages (pageCount, or nextUri when pageCount is missing).</summary>
    private async Task<ApiOutcome<List<DependencyDto>>> ConsumersAsync(string promptId, bool publishedOnly, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, DependencyDto>(StringComparer.Ordinal);
        for (var page = 1; page <= MaxPages; page++)
        {
            var listed = await api.ConsumersAsync(promptId, publishedOnly, page, cancellationToken).ConfigureAwait(false);
            if (listed.Failure is { } failure)
            {
                return ApiOutcome<List<DependencyDto>>.Fail(failure);
            }

            var entities = listed.Value!.Entities ?? [];
            foreach (var consumer in entities.Where(d => d.Deleted != true))
            {
                all.TryAdd((consumer.Type ?? "") + "/" + (consumer.Id ?? consumer.Name ?? "?"), consumer);
            }

            var more = page < listed.Value.PageCount || (listed.Value.PageCount == 0 && listed.Value.NextUri is not null && entities.Count > 0);
            if (!more)
            {
                break;
            }
        }

        return ApiOutcome<List<DependencyDto>>.Ok(all.Values.ToList());
    }

    /// <summary>"'Main IVR' (INBOUNDCALLFLOW), 'Agent script' (SCRIPT, state unknown)": each consumer by name and type.</summary>
    private static string Describe(IEnumerable<DependencyDto> consumers) =>
        string.Join(", ", consumers
            .Select(c => $"'{c.Name ?? c.Id ?? "?"}' ({c.Type ?? "unknown type"}{(c.StateUnknown == true ? ", state unknown" : "")})")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal));
}
