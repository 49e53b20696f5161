using System.Diagnostics;
using System.Globalization;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Client;
using MediaCompiler.Diagnostics;
using MediaCompiler.Pipeline.Caching;
using MediaCompiler.Pipeline.Planning;
using MediaCompiler.Pipeline.Steps;

namespace MediaCompiler.Pipeline;

/// <summary>
/// The build's work, free of MSBuild: validate and check quality → resolve assets → compile and wait → report results → download →
/// audit. Each step is a class of <see cref="Steps"/> with value inputs and outputs; the platform-specific ones come
/// from an <see cref="IPromptPlatform"/>. Never throws for a bad file, setting or server answer: every problem is a
/// coded diagnostic, and the result says whether the build may go on.
/// </summary>
public sealed class PromptPipeline
{
    private readonly PipelineSettings _settings;
    private readonly IPipelineLog _log;
    private readonly TimeProvider _time;

    public PromptPipeline(PipelineSettings settings, IPipelineLog log, TimeProvider? timeProvider = null)
    {
        _settings = settings;
        _log = log;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// When prompt items are wrong (a name, a language...), the build still checks every file, so that one build lists
    /// every problem, and stops there: no platform is opened, no request made. Always a failed result.
    /// </summary>
    public PipelineResult ReportFileProblems(IReadOnlyList<PromptInput> prompts, CancellationToken cancellationToken)
    {
        PromptValidationStep.Run(prompts, _settings.Rules, _settings.QualityChecking, _log, cancellationToken);
        return PipelineResult.Failed();
    }

    /// <summary>Runs against the media API.</summary>
    /// <param name="connect">
    /// Creates the engine client; called only once validation has passed, so a build with a broken prompt makes no
    /// request at all (not even for a token).
    /// </param>
    public Task<PipelineResult> RunAsync(IReadOnlyList<PromptInput> prompts, Func<IMediaEngineClient> connect, CancellationToken cancellationToken) =>
        RunOnPlatformAsync(prompts, () => new MediaApiPlatform(connect(), _settings.FlowId, _settings.Encoding), cancellationToken);

    /// <summary>Runs against any platform (see <see cref="IPromptPlatform"/>); <paramref name="connect"/> is called after validation.</summary>
    public async Task<PipelineResult> RunOnPlatformAsync(IReadOnlyList<PromptInput> prompts, Func<IPromptPlatform> connect, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var cache = PromptCache.Open(_settings.PromptCacheDirectory, _settings.PromptCacheMaxBytes, _log);
        try
        {
            return await RunWithCacheAsync(prompts, connect, cache, started, clock, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The cache's trim ends and its journal is written before the build returns, whatever the outcome.
            cache?.Complete();
        }
    }

    private async Task<PipelineResult> RunWithCacheAsync(IReadOnlyList<PromptInput> prompts, Func<IPromptPlatform> connect, PromptCache? cache,
        DateTimeOffset started, Stopwatch clock, CancellationToken cancellationToken)
    {
        IReadOnlyList<ValidatedPrompt>? validated;
        try
        {
            validated = PromptValidationStep.Run(prompts, _settings.Rules, _settings.QualityChecking, _log, cancellationToken, cache);
            if (validated is not null)
            {
                _log.Progress($"IVR prompts: {validated.Count} validated.");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ReportCancelled(null);
            return PipelineResult.Failed();
        }
        if (validated is null)
        {
            return PipelineResult.Failed();
        }
        if (_settings.ValidateOnly)
        {
            _log.Info($"IVR prompts: {prompts.Count} validated (IvrValidateOnly: nothing uploaded or compiled).", important: true);
            return new PipelineResult(true, [], 0, 0, 0, null);
        }
        if (validated.Count == 0)
        {
            return new PipelineResult(true, [], 0, 0, 0, null);
        }
        if (_settings.PlanOnly)
        {
            using var planned = connect();
            return await PlanOnlyAsync(planned, validated, cache, cancellationToken).ConfigureAwait(false);
        }

        // A folder the outputs cannot go to fails now, as the coded problem it is, not after every upload and compile.
        if (_settings.CompiledPromptsDirectory is { } outputFolder && OutputFolder.WriteProblem(outputFolder) is { } notWritable)
        {
            _log.Report(notWritable);
            return PipelineResult.Failed();
        }

        using var platform = connect();
        var context = new RunContext(_settings, _log, _time, new FailureCollector(_log), Guid.NewGuid().ToString("D")) { Cache = cache };
        var reuse = OutputReuse.Plan(cache, validated, _settings, platform.OutputIdentity);
        IReadOnlyList<CompiledPrompt> restored = [];
        if (reuse is not null)
        {
            if (reuse.Restore(_settings.CompiledPromptsDirectory!, context.Failures) is not { } back)
            {
                return PipelineResult.Failed();
            }
            restored = back;
        }
        // What this build reuses is read and back in place: the trim may run alongside the network work.
        cache?.StartTrim();
        if (reuse is null)
        {
            return await CompileAsync(platform, validated, [], context, started, clock, cancellationToken).ConfigureAwait(false);
        }
        if (reuse.Misses.Count == 0)
        {
            // Every prompt unchanged: no platform request at all, the outputs are back in place.
            AuditStep.Run(new AuditFacts(platform.Description, restored.Count, null, new CompileOutcome.UpToDate(), started, clock.Elapsed.TotalMilliseconds), context);
            _log.Info(platform.Summarize(new RunSummary(restored.Count, clock.Elapsed, 0, 0, null, restored.Count)), important: true);
            return new PipelineResult(true, restored.Select(r => r.OutputPath!).ToArray(), 0, 0, restored.Count, null) { CompiledPrompts = restored };
        }
        if (restored.Count > 0)
        {
            _log.Progress(string.Format(CultureInfo.InvariantCulture, "IVR prompts: {0} unchanged (from the prompt cache), {1} to compile.", restored.Count, reuse.Misses.Count));
        }
        var result = await CompileAsync(platform, reuse.Misses, restored, context, started, clock, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result;
        }
        reuse.Keep(result.CompiledPrompts, reuse.Misses);
        var position = validated.Select((p, i) => (p.Input.NodeId, i)).ToDictionary(x => x.NodeId, x => x.i, StringComparer.Ordinal);
        return result with { CompiledPrompts = [.. result.CompiledPrompts.OrderBy(c => position[c.NodeId])] };
    }

    /// <summary>
    /// IvrPlanOnly: the prompt cache's hits are unchanged; the platform says, from read requests only, what it would do
    /// with the rest. Printed, and written to IvrPlanFile; nothing is sent, written to the outputs or audited.
    /// </summary>
    private async Task<PipelineResult> PlanOnlyAsync(IPromptPlatform platform, IReadOnlyList<ValidatedPrompt> validated, PromptCache? cache, CancellationToken buildCancellation)
    {
        var context = new RunContext(_settings, _log, _time, new FailureCollector(_log), Guid.NewGuid().ToString("D")) { Cache = cache };
        var reuse = OutputReuse.Plan(cache, validated, _settings, platform.OutputIdentity);
        var misses = reuse?.Misses ?? validated;
        using var deadline = new CancellationTokenSource(_settings.SyncTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(buildCancellation, deadline.Token);
        PromptPlan? plan;
        try
        {
            plan = misses.Count == 0 ? new PromptPlan(platform.Description, []) : await platform.PlanAsync(misses, context, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (buildCancellation.IsCancellationRequested)
        {
            ReportCancelled(null);
            return PipelineResult.Failed();
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            context.Failures.Add(null, Diagnostic.Create(DiagnosticCatalog.SyncTimedOut, null, platform.Description,
                _settings.SyncTimeout.ToString("c", CultureInfo.InvariantCulture), "reading the platform's state for the plan"));
            return PipelineResult.Failed();
        }
        if (plan is null || context.Failures.Count > 0)
        {
            return PipelineResult.Failed();
        }
        var unchanged = (reuse?.Hits ?? []).Select(h => new PlannedPrompt(PlanAction.Unchanged, h.Prompt.Input.Path, h.Prompt.Input.NodeId, null));
        plan = plan with { Items = [.. unchanged, .. plan.Items] };
        PlanReport.Print(plan, _log);
        if (_settings.PlanFile is { } planFile && PlanReport.Write(plan, planFile) is { } notWritten)
        {
            _log.Report(notWritten);
            return PipelineResult.Failed();
        }
        return new PipelineResult(true, [], 0, 0, 0, null) { Plan = plan };
    }

    /// <param name="fromCache">Prompts not sent: their outputs came back from the prompt cache (part of the result).</param>
    /// <remarks>
    /// The whole network phase runs under IvrSyncTimeout: one deadline over every request, retry, backoff and wait,
    /// so that no combination of per-request timeouts and retries can run past it (IVR2104 says where it stopped).
    /// </remarks>
    private async Task<PipelineResult> CompileAsync(IPromptPlatform platform, IReadOnlyList<ValidatedPrompt> prompts, IReadOnlyList<CompiledPrompt> fromCache,
        RunContext context, DateTimeOffset started, Stopwatch clock, CancellationToken buildCancellation)
    {
        AssetResolution? assets = null;
        CompileOutcome? outcome = null;
        IReadOnlyList<ReadyPrompt> ready = [];
        IReadOnlyList<DownloadedPrompt> downloaded = [];
        using var deadline = new CancellationTokenSource(_settings.SyncTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(buildCancellation, deadline.Token);
        var cancellationToken = linked.Token;
        var stage = $"sending {prompts.Count} prompt(s) (look-ups and uploads; on Genesys Cloud the whole sync)";
        try
        {
            assets = await platform.ResolveAssetsAsync(prompts, context, cancellationToken).ConfigureAwait(false);
            if (assets.Assets is null)
            {
                return PipelineResult.Failed();
            }

            stage = string.Create(CultureInfo.InvariantCulture, $"waiting for the platform to compile, after {assets.Uploaded} upload(s) and {assets.Reused} reused");
            outcome = await platform.CompileAsync(prompts, assets, context, cancellationToken).ConfigureAwait(false);
            var finishedJob = outcome switch
            {
                CompileOutcome.Completed completed => completed.Job,
                CompileOutcome.Failed { Job: { } failedJob } => failedJob,
                _ => null,
            };
            if (finishedJob is not null)
            {
                ready = ResultReportStep.Run(finishedJob, prompts, context.Failures, context.Log);
            }
            if (outcome is CompileOutcome.Completed && ready.Count > 0 && _settings.CompiledPromptsDirectory is { } directory)
            {
                stage = string.Create(CultureInfo.InvariantCulture, $"downloading {ready.Count} compiled prompt(s), after the platform compiled them");
                downloaded = await platform.DownloadAsync(ready, directory, context, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (buildCancellation.IsCancellationRequested)
        {
            outcome = new CompileOutcome.Cancelled(outcome?.Submission);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            context.Failures.Add(null, Diagnostic.Create(DiagnosticCatalog.SyncTimedOut, null, platform.Description,
                _settings.SyncTimeout.ToString("c", CultureInfo.InvariantCulture), stage));
            outcome = new CompileOutcome.Failed(outcome?.Submission, null);
        }

        if (outcome is CompileOutcome.Cancelled cancelled)
        {
            ReportCancelled(cancelled.Submission?.CompilationId);
        }
        AuditStep.Run(new AuditFacts(platform.Description, prompts.Count, assets, outcome, started, clock.Elapsed.TotalMilliseconds, platform.AuditCounts), context);

        var compiled = outcome is CompileOutcome.Completed ? ready : [];
        var succeeded = outcome is CompileOutcome.Completed && context.Failures.Count == 0;
        var compilationId = outcome?.Submission?.CompilationId;
        if (succeeded)
        {
            _log.Info(platform.Summarize(new RunSummary(compiled.Count + fromCache.Count, clock.Elapsed, assets!.Uploaded, assets.Reused, compilationId, fromCache.Count)), important: true);
        }
        var described = Describe(prompts, compiled, downloaded, assets, compilationId);
        return new PipelineResult(succeeded, [.. downloaded.Select(d => d.Path), .. fromCache.Select(c => c.OutputPath!)],
            assets?.Uploaded ?? 0, assets?.Reused ?? 0, compiled.Count + fromCache.Count, compilationId)
        {
            CompiledPrompts = succeeded ? [.. described, .. fromCache] : described,
        };
    }

    /// <summary>The value record of each compiled prompt; the source's hash and asset come from the prompt's position.</summary>
    private static IReadOnlyList<CompiledPrompt> Describe(IReadOnlyList<ValidatedPrompt> prompts, IReadOnlyList<ReadyPrompt> compiled,
        IReadOnlyList<DownloadedPrompt> downloaded, AssetResolution? assets, string? compilationId)
    {
        if (compiled.Count == 0 || assets?.Assets is not { } byHash || compilationId is null)
        {
            return [];
        }
        var position = prompts.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        var saved = downloaded.ToDictionary(d => d.Prompt);
        return compiled.Select(item =>
        {
            var input = item.Prompt.Input;
            var hash = assets.Hashes[position[item.Prompt]];
            var file = saved.TryGetValue(item.Prompt, out var found) ? found : null;
            return new CompiledPrompt(file?.Path, input.NodeId, input.Language, input.ItemSpec ?? input.Path, item.Result.Encoding,
                hash, byHash[hash].Id, compilationId, item.Prompt.Probe.DurationSeconds, file?.Bytes);
        }).ToArray();
    }

    private void ReportCancelled(string? compilationId) =>
        _log.Report(Diagnostic.Create(DiagnosticCatalog.BuildCancelled, null,
            compilationId is null ? "" : $" while compile job {compilationId} was running"));
}
