using MediaCompiler.Audio;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Engine.Assets;
using MediaCompiler.Engine.Outputs;
using MediaCompiler.Engine.Persistence;

namespace MediaCompiler.Engine.Compilation;

/// <summary>
/// Runs one job: compiles each entry, stores its output, records the ending and announces it. No content and no
/// failure of ours may leave a job hanging: every path ends the job or leaves it to reset/dispose, which end its waits.
/// </summary>
internal sealed class JobExecutor(
    JobTable jobs,
    AssetStore assets,
    JsonStateStore? disk,
    IAssetCompiler compiler,
    OutputCatalog catalog,
    OutputReader reader,
    IncidentReporter incidents,
    Action<CompileJobStatus, string?> announce,
    int parallelEntries)
{
    public async Task RunAsync(CompileJob job, CancellationToken stopping)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping, job.Cancellation.Token);
        var token = cancellation.Token;
        if (token.IsCancellationRequested || !jobs.TryStart(job))
        {
            return;
        }

        try
        {
            var results = new CompileResult[job.Media.Count];
            var outputs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            // Entries that would compile to the same bytes (one asset, one encoding and options) stay together, in
            // order: the first compiles, the others reuse it. The groups run side by side on the machine's cores.
            var groups = Enumerable.Range(0, job.Media.Count)
                .GroupBy(i => OutputCatalog.KeyOf(job.Media[i].AssetId!, job.Encoding, job.Request.Options), StringComparer.Ordinal)
                .Select(g => g.ToArray())
                .ToArray();
            await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelEntries), CancellationToken = token },
                async (group, groupToken) =>
                {
                    foreach (var i in group)
                    {
                        results[i] = await CompileEntryAsync(job, i, outputs, groupToken).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);

            int rejected = results.Count(r => r.Status == CompileResultStates.Rejected);
            var ending = rejected > 0
                ? new JobEnding(CompileJobStates.Failed, Diagnostic.Create(DiagnosticCatalog.EngineJobAssetsRejected, null, job.Id, rejected, results.Length).Message, results, outputs)
                : new JobEnding(CompileJobStates.Completed, $"Compiled {results.Length} asset(s) to {job.Encoding}.", results, outputs);
            Finish(job, ending);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Reset or dispose stopped the job; they end its waits themselves (FAILED or ObjectDisposedException).
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The data directory failed under us (disk full, permissions...), or a bug of ours: either way the job ends
            // FAILED saying why (it must not hang its waiters), and the exception is counted as an incident. A full disk
            // is named as such (IVR5010), not as an internal error: nothing is wrong with the prompts or the engine.
            incidents.Report($"compile job {job.Id}", e);
            var why = WriteFailure.IsDiskFull(e)
                ? Diagnostic.Create(DiagnosticCatalog.DiskFull, null, $"the compiled outputs of job {job.Id}", e.Message.TrimEnd('.'))
                : Diagnostic.Create(DiagnosticCatalog.EngineInternalError, null, $"job {job.Id}", $"{e.GetType().Name}: {e.Message}");
            Finish(job, JobEnding.Failed(why.Message));
        }
    }

    private async Task<CompileResult> CompileEntryAsync(CompileJob job, int index, Dictionary<string, byte[]> outputs, CancellationToken token)
    {
        var entry = job.Media[index];
        var assetId = entry.AssetId!;
        var nodeId = entry.NodeId!;
        var key = OutputCatalog.KeyOf(assetId, job.Encoding, job.Request.Options);
        if (Reuse(key) is { } reused)
        {
            // The warnings of the compile that made these bytes still hold for them (e.g. IVR1608 limited).
            return Store(job, index, nodeId, assetId, reused.Bytes, reused.Warnings, outputs);
        }

        var asset = assets.Get(assetId);
        var content = assets.ReadContent(assetId);
        var name = asset?.Name ?? assetId;
        var compiled = asset is null || content is null || !string.Equals(ContentHash.Of(content), asset.ContentHash, StringComparison.OrdinalIgnoreCase)
            ? new CompiledAsset(null, Diagnostic.Create(DiagnosticCatalog.EngineAssetContentMissing, name, name, assetId, asset?.ContentHash ?? "(unknown)"))
            : await CompileSafelyAsync(content, name, job, token).ConfigureAwait(false);

        if (compiled.Wav is null)
        {
            var error = compiled.Error!;
            return new CompileResult(assetId, nodeId, CompileResultStates.Rejected, job.Encoding, null, error.Code, error.Message);
        }

        // Null rather than empty when there is nothing to say: the field is optional on the wire.
        var warnings = compiled.Warnings.Count == 0 ? null : compiled.Warnings.Select(w => new CompileWarning(w.Code, w.Message)).ToArray();
        var result = Store(job, index, nodeId, assetId, compiled.Wav, warnings, outputs);
        catalog.Remember(key, new OutputSource(job.Id, nodeId, result.OutputHash!, warnings));
        return result;
    }

    /// <summary>The bytes an earlier job compiled the same way, when they are still there and still match their hash.</summary>
    private (byte[] Bytes, IReadOnlyList<CompileWarning>? Warnings)? Reuse(string key)
    {
        if (catalog.Find(key) is not { } source)
        {
            return null;
        }

        if (reader.Read(source.JobId, source.NodeId) is OutputRead.Found found)
        {
            return (found.Bytes, source.Warnings);
        }

        // Gone (reset, deleted) or damaged: compile anew, and stop pointing at it.
        catalog.Forget(key);
        return null;
    }

    private CompileResult Store(CompileJob job, int index, string nodeId, string assetId, byte[] wav, IReadOnlyList<CompileWarning>? warnings, Dictionary<string, byte[]> outputs)
    {
        if (disk is not null)
        {
            disk.SaveOutput(job.Id, index, wav);
        }
        else
        {
            lock (outputs)
            {
                outputs[nodeId] = wav;
            }
        }

        return new CompileResult(assetId, nodeId, CompileResultStates.Ready, job.Encoding, DownloadUris.For(job.Id, nodeId), null, null, warnings)
        {
            OutputHash = ContentHash.Of(wav),
        };
    }

    /// <summary>
    /// No content may crash a job: anything unexpected while compiling one asset rejects that asset with IVR3011 (its
    /// message names the exception) and is counted as an incident, since it is a bug of ours.
    /// </summary>
    private async Task<CompiledAsset> CompileSafelyAsync(byte[] content, string name, CompileJob job, CancellationToken token)
    {
        var options = job.Request.Options ?? new CompileOptions();
        try
        {
            return await compiler.CompileAsync(content, name, job.Law, options.NormalizeVolume, options.TargetSpeechLevelDbov, options.StripMetadata, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            incidents.Report($"compiling '{name}' in job {job.Id}", e);
            return new CompiledAsset(null, Diagnostic.Create(DiagnosticCatalog.EngineInternalError, name, name, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    private void Finish(CompileJob job, JobEnding ending)
    {
        if (jobs.TryFinish(job, ending) is not { } snapshot)
        {
            return;
        }

        announce(snapshot, job.Request.WebhookUrl);
        job.Finished.TrySetResult(snapshot);
    }
}
