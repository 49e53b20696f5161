using System.Collections.Concurrent;
using MediaCompiler.Audio;
using MediaCompiler.Client;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Http;

namespace MediaCompiler.Pipeline.Steps;

/// <summary>
/// Step 2 (media API): hash every prompt, ask the engine in one batch look-up which hashes it holds, and upload only
/// the others, several prompts per request (<see cref="UploadBatches"/>), as many requests at once as the server's
/// answers allow (AdaptiveConcurrency, at most MaxParallelUploads). Requests grow with what changed, not with the
/// project: an unchanged project costs one look-up, whatever its size.
/// </summary>
internal sealed class AssetResolutionStep(IMediaEngineClient client, RunContext context)
{
    private static readonly TimeSpan ProgressQuiet = TimeSpan.FromSeconds(2);

    private int _uploaded;
    private int _reused;
    private int _uploadsQueued;

    private PipelineSettings Settings => context.Settings;

    public async Task<AssetResolution> RunAsync(IReadOnlyList<ValidatedPrompt> prompts, CancellationToken cancellationToken)
    {
        if (Hash(prompts, context, cancellationToken) is not { } hashes)
        {
            return AssetResolution.Failed([], 0, 0);
        }

        var byHash = prompts.Select((p, i) => (Hash: hashes[i], Prompt: p))
            .GroupBy(x => x.Hash, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Prompt, StringComparer.Ordinal);
        var assets = new ConcurrentDictionary<string, MediaAssetDto>(StringComparer.Ordinal);
        var fileErrors = 0;
        var progress = new ProgressThrottle(context.Time, ProgressQuiet, ProgressQuiet);
        var uploadSlots = new AdaptiveConcurrency(BuildDefaults.InitialParallelUploads, Settings.MaxParallelUploads, context.Time);
        using var stopOnFatal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? fatal = null;
        var toUpload = byHash;
        try
        {
            var lookup = await client.LookupAssetsAsync(byHash.Keys.ToArray(), cancellationToken).ConfigureAwait(false);
            foreach (var asset in lookup.Held)
            {
                var hash = asset.ContentHash.ToLowerInvariant();
                if (byHash.ContainsKey(hash))
                {
                    assets[hash] = asset;
                    _reused++;
                }
            }

            toUpload = byHash.Where(e => !assets.ContainsKey(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        }
        catch (Exception ex) when (EngineDiagnostics.IsCallFailure(ex))
        {
            fatal = ex;
            toUpload = [];
        }

        var batches = UploadBatches.Plan([.. toUpload], e => e.Value.Probe.SizeBytes,
            Math.Min(BuildDefaults.InitialParallelUploads, Settings.MaxParallelUploads));
        _uploadsQueued = toUpload.Count;
        try
        {
            await Parallel.ForEachAsync(batches,
                new ParallelOptions { MaxDegreeOfParallelism = context.LightRequestParallelism, CancellationToken = stopOnFatal.Token },
                async (batch, token) =>
                {
                    try
                    {
                        var outcomes = await UploadAsync(uploadSlots, batch, token).ConfigureAwait(false);
                        for (var i = 0; i < batch.Count; i++)
                        {
                            var (hash, prompt) = batch[i];
                            if (outcomes[i].Asset is { } asset)
                            {
                                assets[hash] = asset;
                                Uploaded(progress, prompt, asset);
                            }
                            else
                            {
                                // The engine refused this file's content (a rule, its size): an error on the file, and
                                // the other uploads go on so that one build lists every refused prompt.
                                var refusal = outcomes[i].Refusal!;
                                Interlocked.Increment(ref fileErrors);
                                context.Failures.Add(prompt.Input, EngineDiagnostics.FromEngineCode(refusal.Code, refusal.Message, prompt.Input.Path));
                            }
                        }
                    }
                    catch (Exception ex) when (EngineDiagnostics.IsCallFailure(ex))
                    {
                        // Authentication, an unreachable engine...: the same for every prompt. Reported once, below.
                        Interlocked.CompareExchange(ref fatal, ex, null);
                        await stopOnFatal.CancelAsync().ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (fatal is not null && !cancellationToken.IsCancellationRequested)
        {
            // Stopped on purpose because of the fatal error, which is reported just below.
        }
        if (_uploaded > 0)
        {
            context.Log.Info($"IVR prompts: {_uploaded} uploaded, at most {uploadSlots.HighestLimit} at once (ceiling IvrMaxParallelUploads = {Settings.MaxParallelUploads}).");
        }

        if (fatal is not null)
        {
            context.Failures.Add(null, EngineDiagnostics.CallFailed("Uploading prompts", fatal));
        }

        return fatal is null && fileErrors == 0
            ? new AssetResolution(hashes, new Dictionary<string, MediaAssetDto>(assets, StringComparer.Ordinal), _uploaded, _reused)
            : AssetResolution.Failed(hashes, _uploaded, _reused);
    }

    /// <summary>Content hashes by prompt position; null when a file could not be read (reported on the file).</summary>
    /// <remarks>Also the plan's (IvrPlanOnly) hashes on the media API: one place decides how a prompt's content hash is had.</remarks>
    internal static string[]? Hash(IReadOnlyList<ValidatedPrompt> prompts, RunContext context, CancellationToken cancellationToken)
    {
        var hashes = new string[prompts.Count];
        var unreadable = 0;
        Parallel.For(0, prompts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var input = prompts[i].Input;
            try
            {
                // Validation hashed it already when the prompt cache needed the hash: read the file once.
                hashes[i] = prompts[i].SourceHash ?? ContentHash.OfFile(input.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Deleted or locked since validation read it (an editor saving, a checkout): an error on the file.
                Interlocked.Increment(ref unreadable);
                context.Failures.Add(input, Diagnostic.Create(DiagnosticCatalog.AudioUnreadable, input.Path, input.Path, ex.Message));
            }
        });
        return unreadable == 0 ? hashes : null;
    }

    /// <summary>
    /// Uploads one batch of prompts the look-up said the engine lacks (or holds damaged: the upload repairs it), as one
    /// request and one slot of the adaptive limit: one outcome per prompt, in order.
    /// </summary>
    private async Task<IReadOnlyList<AssetUploadOutcome>> UploadAsync(AdaptiveConcurrency uploadSlots,
        IReadOnlyList<KeyValuePair<string, ValidatedPrompt>> batch, CancellationToken token)
    {
        using var slot = await uploadSlots.AcquireAsync(token).ConfigureAwait(false);
        var outcomes = await client.UploadAssetsAsync([.. batch.Select(e => new AssetUpload(e.Value.Input.Path, e.Key))], token).ConfigureAwait(false);
        // Refusals of files' content are answers too, and no sign of load.
        slot.Answered();
        if (outcomes.Count != batch.Count)
        {
            throw new InvalidOperationException($"The engine client gave {outcomes.Count} outcome(s) for {batch.Count} upload(s).");
        }
        return outcomes;
    }

    private void Uploaded(ProgressThrottle progress, ValidatedPrompt prompt, MediaAssetDto asset)
    {
        var done = Interlocked.Increment(ref _uploaded);
        context.Log.Info($"Uploaded {prompt.Input.Path} as asset {asset.Id}.");
        if (progress.IsDue())
        {
            context.Log.Progress($"IVR prompts: uploading {done}/{Volatile.Read(ref _uploadsQueued)}.");
        }
    }
}
