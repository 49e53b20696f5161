using System.Globalization;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;
using MediaCompiler.Genesys.Sync;

namespace MediaCompiler.Genesys;

/// <summary>
/// Keeps an org's Architect user prompts in step with the project's prompts:
/// <code>
/// var result = await GenesysPromptSync.RunAsync(prompts, new GenesysSyncOptions { Region = "mypurecloud.ie", ClientId = id, ClientSecret = secret }, ct);
/// foreach (var diagnostic in result.AllDiagnostics) log(diagnostic);
/// </code>
/// One token, one listing of the org's prompts, then only the requests the changed resources need. Failures are
/// reported as coded diagnostics on the result (on the resource's file where there is one), never thrown.
/// </summary>
public static class GenesysPromptSync
{
    public static async Task<SyncResult> RunAsync(IReadOnlyList<DesiredPrompt> prompts, GenesysSyncOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new List<Diagnostic>();
        using var connection = GenesysConnection.Open(options, diagnostics);
        if (connection is null)
        {
            return new SyncResult([], diagnostics, new SyncCounts(0, 0, 0, 0, 0, 0, 0, 0, 0), []);
        }
        var (http, api, endpoints) = (connection.Http, connection.Api, connection.Endpoints);
        var work = new List<ResourceWork>();
        var deleted = 0;
        var descriptionsUpdated = 0;
        IReadOnlyList<string> flows = [];
        try
        {
            // Before any listing or write: an unknown division stops the sync with nothing written.
            var division = await DivisionResolver.ResolveAsync(api, options.Division, cancellationToken).ConfigureAwait(false);
            if (division.Failure is { } divisionFailure)
            {
                diagnostics.Add(divisionFailure);
                return Finish(prompts.Select(p => new ResourceWork(new PlannedResource(p, SyncAction.CreatePrompt, null, null))).ToList());
            }

            var lister = new PromptLister(api, options, division.Value);
            var listed = await lister.ListAllAsync(cancellationToken).ConfigureAwait(false);
            if (listed.Failure is { } listFailure)
            {
                diagnostics.Add(listFailure);
                return Finish(prompts.Select(p => new ResourceWork(new PlannedResource(p, SyncAction.CreatePrompt, null, null))).ToList());
            }

            var plan = SyncPlanner.Plan(MissingHashes.Fill(prompts, diagnostics), listed.Value!, options.ManagedMarker);
            diagnostics.AddRange(plan.Problems);
            diagnostics.AddRange(plan.StaleLanguages.Select(s => Diagnostic.Create(DiagnosticCatalog.GenesysStaleLanguage, null, s.Name, s.PromptId, s.Language)));
            work = plan.Resources.Select(p => new ResourceWork(p)).ToList();
            Log(options, SyncLogLevel.Normal, string.Create(CultureInfo.InvariantCulture,
                $"Genesys Cloud: {listed.Value!.Count} prompt(s) in the org; {work.Count(w => w.State == ResourceState.Unchanged)} of {work.Count} resource(s) unchanged."));

            var writer = new PromptWriter(api, lister, endpoints, options, division.Value);
            foreach (var prompt in work.Where(w => w.State == ResourceState.NotDone).GroupBy(w => w.Desired.Name, StringComparer.Ordinal))
            {
                await writer.WriteAsync(prompt.ToList(), cancellationToken).ConfigureAwait(false);
            }

            foreach (var update in plan.DescriptionUpdates)
            {
                var updated = await api.UpdatePromptAsync(update.PromptId, update.Name, update.Description, cancellationToken).ConfigureAwait(false);
                if (updated.Failure is { } updateFailure)
                {
                    diagnostics.Add(updateFailure with { File = update.File });
                }
                else
                {
                    descriptionsUpdated++;
                }
            }

            var waitFailure = await new TranscodeWaiter(lister, options).WaitAsync(work, cancellationToken).ConfigureAwait(false);
            if (waitFailure is not null)
            {
                diagnostics.Add(waitFailure);
            }

            if (work.FirstOrDefault(w => w.TagsKept == false) is { } stripped)
            {
                // Once per sync: the cause is the org, not the prompt.
                var withAudio = work.Count(w => w.Desired.AudioPath is not null);
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysTagsDropped, null, stripped.Desired.Name, stripped.Desired.Language,
                    withAudio, 2 + (withAudio * 3)));
            }

            var checks = new ConsumerChecks(api, options);
            if (options.CheckConsumingFlows)
            {
                flows = await checks.WarnAboutStaleFlowsAsync(work, diagnostics, cancellationToken).ConfigureAwait(false);
            }

            deleted = await checks.HandleOrphansAsync(plan.Orphans, diagnostics, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var finished = work.Count(w => w.State is not (ResourceState.NotDone or ResourceState.Failed));
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysSyncCancelled, null, finished, work.Count));
        }

        return Finish(work);

        SyncResult Finish(List<ResourceWork> resources)
        {
            var counts = new SyncCounts(
                PromptsCreated: resources.Where(r => r.Planned.Action == SyncAction.CreatePrompt && r.State == ResourceState.Created).Select(r => r.Desired.Name).Distinct().Count(),
                DescriptionsUpdated: descriptionsUpdated,
                ResourcesCreated: resources.Count(r => r.State == ResourceState.Created),
                ResourcesUpdated: resources.Count(r => r.State is ResourceState.Updated or ResourceState.TextUpdated),
                Uploaded: resources.Count(r => r.UploadedAt is not null),
                Unchanged: resources.Count(r => r.State == ResourceState.Unchanged),
                OrphansDeleted: deleted,
                Requests: http.Requests,
                RateLimitWaits: http.RateLimitWaits);
            return new SyncResult(resources.Select(r => r.ToResult()).ToList(), diagnostics, counts, flows);
        }
    }

    private static void Log(GenesysSyncOptions options, SyncLogLevel level, string text) => options.Log?.Invoke(new SyncLogMessage(level, text));
}
