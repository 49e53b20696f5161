using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Sync;

namespace MediaCompiler.Genesys;

/// <summary>What a sync would do, found with read requests only (IvrPlanOnly).</summary>
/// <param name="Plan">The planner's decisions (the same planner the sync uses); null when the org could not be read.</param>
/// <param name="Diagnostics">Problems met: credentials, the listing, input problems the planner found.</param>
/// <param name="Requests">Requests sent (a token, the listing pages).</param>
public sealed record SyncPreview(SyncPlan? Plan, IReadOnlyList<Diagnostic> Diagnostics, int Requests);

/// <summary>
/// The first half of <see cref="GenesysPromptSync.RunAsync"/> and nothing more: one token, one listing of the org's
/// prompts, and <see cref="SyncPlanner"/>'s decision for each desired resource. No request writes anything, so a
/// pull-request check can show what the next build will change. Orphans are listed only where the sync would delete
/// them (<see cref="GenesysSyncOptions.DeleteOrphans"/>); the sync still keeps one a flow uses (with a warning).
/// </summary>
public static class GenesysPromptPreview
{
    public static async Task<SyncPreview> PlanAsync(IReadOnlyList<DesiredPrompt> prompts, GenesysSyncOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new List<Diagnostic>();
        using var connection = GenesysConnection.Open(options, diagnostics);
        if (connection is null)
        {
            return new SyncPreview(null, diagnostics, 0);
        }
        var http = connection.Http;
        var division = await DivisionResolver.ResolveAsync(connection.Api, options.Division, cancellationToken).ConfigureAwait(false);
        if (division.Failure is { } divisionFailure)
        {
            diagnostics.Add(divisionFailure);
            return new SyncPreview(null, diagnostics, http.Requests);
        }

        var lister = new PromptLister(connection.Api, options, division.Value);
        var listed = await lister.ListAllAsync(cancellationToken).ConfigureAwait(false);
        if (listed.Failure is { } listFailure)
        {
            diagnostics.Add(listFailure);
            return new SyncPreview(null, diagnostics, http.Requests);
        }
        var plan = SyncPlanner.Plan(MissingHashes.Fill(prompts, diagnostics), listed.Value!, options.ManagedMarker);
        diagnostics.AddRange(plan.Problems);
        return new SyncPreview(options.DeleteOrphans ? plan : plan with { Orphans = [] }, diagnostics, http.Requests);
    }
}
