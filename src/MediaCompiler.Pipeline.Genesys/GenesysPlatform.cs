using MediaCompiler.Codecs.Dsp;
using System.Globalization;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys;
using MediaCompiler.Genesys.Sync;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Planning;
using MediaCompiler.Pipeline.Steps;

namespace MediaCompiler.Pipeline.Genesys;

/// <summary>
/// Genesys Cloud Architect user prompts as a platform of the pipeline. Resolving assets prepares the bytes (converted
/// where needed) and runs the whole sync (one token, one listing, only the requests changed resources need, the
/// transcode wait), since the library does those as one unit; compiling then maps the sync's outcome onto the shared
/// shapes (a job whose results are the synced resources), so result reporting, the summary, the compiled-prompt
/// records and the audit line stay the pipeline's.
/// </summary>
public sealed class GenesysPlatform(GenesysBuildSettings settings, HttpMessageHandler? handler = null) : IPromptPlatform
{
    private SyncResult? _sync;
    private Submission? _submission;
    private readonly Dictionary<string, ValidatedPrompt> _byResource = new(StringComparer.Ordinal);

    public string Description => "Genesys Cloud " + settings.Target;

    public string Summarize(RunSummary summary) => string.Format(CultureInfo.InvariantCulture,
        "IVR prompts: {0} synced with {1} in {2:0.00} s: {3} uploaded, {4} unchanged.",
        summary.Prompts, Description, summary.Elapsed.TotalSeconds, summary.Uploaded, summary.Reused);

    public IReadOnlyDictionary<string, int>? AuditCounts => _sync?.Counts is not { } counts ? null : new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["promptsCreated"] = counts.PromptsCreated,
        ["resourcesCreated"] = counts.ResourcesCreated,
        ["updated"] = counts.ResourcesUpdated + counts.DescriptionsUpdated,
        ["uploaded"] = counts.Uploaded,
        ["unchanged"] = counts.Unchanged,
        ["deleted"] = counts.OrphansDeleted,
        ["requests"] = counts.Requests,
        ["rateLimitWaits"] = counts.RateLimitWaits,
    };

    public async Task<AssetResolution> ResolveAssetsAsync(IReadOnlyList<ValidatedPrompt> prompts, RunContext context, CancellationToken cancellationToken)
    {
        var (sources, desired) = Prepare(prompts, context, cancellationToken);
        if (desired is null)
        {
            return AssetResolution.Failed(sources.Select(s => s?.ContentHash ?? "").ToArray(), 0, 0);
        }
        var hashes = sources.Select(s => s!.ContentHash).ToArray();
        var started = context.Time.GetUtcNow();
        _sync = await GenesysPromptSync.RunAsync(desired, Options(context), cancellationToken).ConfigureAwait(false);
        // The library reports a cancelled sync as a result (IVR6025, how far it got); in a build the pipeline says why
        // it stopped (Ctrl+C: IVR5005, the IvrSyncTimeout deadline: IVR2104), so the cancellation goes on up.
        cancellationToken.ThrowIfCancellationRequested();
        _submission = new Submission("genesys-" + context.CorrelationId, started, 0);

        var assets = new Dictionary<string, MediaAssetDto>(StringComparer.Ordinal);
        for (var i = 0; i < prompts.Count; i++)
        {
            var source = sources[i]!;
            assets.TryAdd(source.ContentHash, new MediaAssetDto(source.ContentHash, prompts[i].Input.PromptName!, "wav", source.Bytes,
                source.SampleRate, 1, source.ContentHash, "", started));
        }
        return new AssetResolution(hashes, assets, _sync.Counts.Uploaded, _sync.Counts.Unchanged);
    }

    /// <summary>
    /// The bytes each prompt would be uploaded as (converted and levelled where needed: local work, no request) and
    /// the desired resources the sync and the plan compare with the org. Null desired: a conversion failed (reported).
    /// </summary>
    private (UploadSource?[] Sources, DesiredPrompt[]? Desired) Prepare(IReadOnlyList<ValidatedPrompt> prompts, RunContext context, CancellationToken cancellationToken)
    {
        var sources = new UploadSource?[prompts.Count];
        // normalizeVolume: what is uploaded is levelled to the target, as the media API's engine levels what it compiles.
        var options = context.Settings.Options;
        double? levelTarget = options.NormalizeVolume ? options.TargetSpeechLevelDbov ?? SpeechLevelNormalizer.DefaultTargetDbov : null;
        // Decoding and resampling are CPU work: both cores, but not more threads than that.
        Parallel.For(0, prompts.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var outcome = UploadConversion.Prepare(prompts[i], settings.WorkDirectory, levelTarget, cancellationToken, context.Cache);
            if (outcome.Error is { } error)
            {
                context.Failures.Add(prompts[i].Input, error);
            }
            sources[i] = outcome.Source;
        });
        foreach (var levelled in sources.OfType<UploadSource>().Where(s => s.LevelWarning is not null))
        {
            context.Log.Report(levelled.LevelWarning!);
        }
        if (sources.Any(s => s is null))
        {
            return (sources, null);
        }
        var converted = sources.Count(s => s!.Converted);
        if (converted > 0)
        {
            var cached = sources.Count(s => s!.FromCache);
            context.Log.Progress(string.Create(CultureInfo.InvariantCulture,
                $"IVR prompts: {converted} converted to 16-bit PCM mono WAV for Genesys Cloud{(cached == 0 ? "" : $" ({cached} unchanged, from the prompt cache)")}."));
        }

        return (sources, prompts.Select((p, i) =>
        {
            _byResource[Key(p.Input.PromptName!, p.Input.Language!)] = p;
            return new DesiredPrompt(p.Input.PromptName!, p.Input.Language!, sources[i]!.Path, sources[i]!.ContentHash,
                p.Input.Text, p.Input.TtsText, p.Input.Description, p.Input.Path);
        }).ToArray());
    }

    /// <summary>
    /// IvrPlanOnly: the same conversion and the same planner as a sync, over one token and one listing (no write).
    /// The plan's words: a new prompt or language is "create", new audio "upload", a text-only change "update text",
    /// a prompt of ours the project dropped "delete orphan" (with IvrGenesysDeleteOrphans).
    /// </summary>
    public async Task<PromptPlan?> PlanAsync(IReadOnlyList<ValidatedPrompt> prompts, RunContext context, CancellationToken cancellationToken)
    {
        var (_, desired) = Prepare(prompts, context, cancellationToken);
        if (desired is null)
        {
            return null;
        }
        var preview = await GenesysPromptPreview.PlanAsync(desired, Options(context), cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var problem in preview.Diagnostics)
        {
            context.Failures.Add(null, problem);
        }
        if (preview.Plan is not { } plan)
        {
            return null;
        }
        var items = plan.Resources.Select(r => new PlannedPrompt(r.Action switch
        {
            SyncAction.Unchanged => PlanAction.Unchanged,
            SyncAction.CreatePrompt or SyncAction.CreateResource => PlanAction.Create,
            SyncAction.UpdateResource or SyncAction.UploadAudio => PlanAction.Upload,
            SyncAction.TextOnlyUpdate => PlanAction.UpdateText,
            _ => throw new InvalidOperationException("A sync action the plan does not name: " + r.Action),
        }, r.Desired.File, r.Desired.Name, r.Desired.Language)).ToList();
        foreach (var update in plan.DescriptionUpdates)
        {
            // A description lives on the prompt, not on a language: each unchanged resource of that prompt says so.
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Action == PlanAction.Unchanged && string.Equals(items[i].Name, update.Name, StringComparison.Ordinal))
                {
                    items[i] = items[i] with { Action = PlanAction.UpdateText };
                }
            }
        }
        items.AddRange(plan.Orphans.Select(o => new PlannedPrompt(PlanAction.DeleteOrphan, null, o.Name, null)));
        return new PromptPlan(Description, items);
    }

    public Task<CompileOutcome> CompileAsync(IReadOnlyList<ValidatedPrompt> prompts, AssetResolution assets, RunContext context, CancellationToken cancellationToken)
    {
        if (_sync is null || _submission is null)
        {
            throw new InvalidOperationException("CompileAsync runs after ResolveAssetsAsync.");
        }
        return Task.FromResult(SyncOutcomeMapping.Map(_sync, _submission, _byResource, context, cancellationToken));
    }

    public async Task<IReadOnlyList<DownloadedPrompt>> DownloadAsync(IReadOnlyList<ReadyPrompt> ready, string directory, RunContext context, CancellationToken cancellationToken)
    {
        // Downloads need no token (the links are signed); one is fetched only when a link has expired.
        using var media = new GenesysMediaUris(Options(context));
        return await new TranscodedPromptDownload(context).RunAsync(ready, directory, media.DownloadAsync, async (name, language, token) =>
        {
            var promptId = _sync?.Resources.FirstOrDefault(r => r.Prompt.Name == name && r.Prompt.Language == language)?.PromptId;
            return promptId is null
                ? new MediaUriRead(null, null)
                : await media.ReadAsync(promptId, language.ToLowerInvariant(), token).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    internal static string Key(string name, string language) => name + "\n" + language;

    private GenesysSyncOptions Options(RunContext context) => new()
    {
        Region = settings.Region,
        BaseUrl = settings.BaseUrl,
        ClientId = settings.ClientId,
        ClientSecret = settings.ClientSecret,
        RequestsPerMinute = settings.RequestsPerMinute,
        TranscodeTimeout = context.Settings.CompileTimeout,
        CheckConsumingFlows = settings.CheckFlows,
        DeleteOrphans = settings.DeleteOrphans,
        Division = settings.Division,
        TimeProvider = context.Time,
        Handler = handler,
        Log = message =>
        {
            if (message.Level == SyncLogLevel.Normal)
            {
                context.Log.Progress(message.Text);
            }
            else
            {
                context.Log.Info(message.Text);
            }
        },
    };

    public void Dispose()
    {
        // The library owns its HTTP client per sync; the handler (tests) belongs to the caller.
    }
}
