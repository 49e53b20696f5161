using System.Diagnostics;
using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.Client;
using MediaCompiler.Diagnostics;
using MediaCompiler.Contract;
using Diagnostic = MediaCompiler.Diagnostics.Diagnostic;

namespace MediaCompiler.Pipeline;

/// <summary>
/// The build's work, free of MSBuild: validate → hash → reuse or upload → compile → poll → download → audit.
/// Never throws for a bad file, setting or server answer: every problem is reported to the log as a coded diagnostic
/// and the result says whether the build may go on. Cancellation stops it at the next await.
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

    /// <param name="connect">
    /// Creates the engine client; called only once validation has passed, so a build with a broken prompt makes no
    /// request at all (not even for a token).
    /// </param>
    public async Task<PipelineResult> RunAsync(
        IReadOnlyList<PromptInput> prompts, Func<IMediaEngineClient> connect, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<ValidatedPrompt>? validated;
        try
        {
            validated = PromptValidationStep.Run(prompts, _log, cancellationToken);
        }
        catch (OperationCanceledException)
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

        using var client = connect();
        var run = new CompileRun(this, client, validated, started, clock, cancellationToken);
        return await run.ExecuteAsync().ConfigureAwait(false);
    }

    private void ReportCancelled(string? compilationId) =>
        _log.Report(Diagnostic.Create(DiagnosticCatalog.BuildCancelled, null,
            compilationId is null ? "" : $" while compile job {compilationId} was running"));

    /// <summary>One build's conversation with the engine; holds the state the steps share.</summary>
    private sealed class CompileRun
    {
        private readonly PromptPipeline _owner;
        private readonly IMediaEngineClient _client;
        private readonly IReadOnlyList<ValidatedPrompt> _prompts;
        private readonly DateTimeOffset _started;
        private readonly Stopwatch _clock;
        private readonly CancellationToken _cancellation;
        private readonly string _correlationId = Guid.NewGuid().ToString("D");
        private readonly List<AuditFailure> _failures = [];
        private int _uploaded;
        private int _reused;
        private string? _compilationId;
        private DateTimeOffset? _submittedAt;
        private double? _submitLatencyMs;

        /// <summary>Upload slots: a prompt whose look-up found nothing waits here for one of MaxParallelUploads.</summary>
        private readonly SemaphoreSlim _uploadSlots;

        public CompileRun(PromptPipeline owner, IMediaEngineClient client, IReadOnlyList<ValidatedPrompt> prompts,
            DateTimeOffset started, Stopwatch clock, CancellationToken cancellation)
        {
            _owner = owner;
            _client = client;
            _prompts = prompts;
            _started = started;
            _clock = clock;
            _cancellation = cancellation;
            _uploadSlots = new SemaphoreSlim(owner._settings.MaxParallelUploads);
        }

        private PipelineSettings Settings => _owner._settings;
        private IPipelineLog Log => _owner._log;

        public async Task<PipelineResult> ExecuteAsync()
        {
            string status;
            var written = new List<string>();
            var compiled = 0;
            try
            {
                var assets = await ResolveAssetsAsync().ConfigureAwait(false);
                if (assets is null)
                {
                    return PipelineResult.Failed();
                }
                var job = await CompileAsync(assets).ConfigureAwait(false);
                status = job?.Status ?? "ERROR";
                if (job is not null && ReportResults(job) is var ready && ready.Count > 0 && status == CompileJobStates.Completed)
                {
                    compiled = ready.Count;
                    if (Settings.CompiledPromptsDirectory is { } directory)
                    {
                        written.AddRange(await DownloadAsync(ready, directory).ConfigureAwait(false));
                    }
                }
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                _owner.ReportCancelled(_compilationId);
                status = "CANCELLED";
            }
            catch (TimeoutException)
            {
                status = "TIMEOUT";
            }
            catch (EngineCallFailedException)
            {
                status = "ERROR";
            }

            var succeeded = status == CompileJobStates.Completed && _failures.Count == 0;
            WriteAudit(status);
            if (succeeded)
            {
                Log.Info(string.Format(CultureInfo.InvariantCulture,
                    "IVR prompts: {0} compiled for flow '{1}' ({2}) by {3} in {4:0.00} s: {5} uploaded, {6} reused (compilation {7}).",
                    compiled, Settings.FlowId, Settings.Encoding, _client.Description, _clock.Elapsed.TotalSeconds,
                    _uploaded, _reused, _compilationId), important: true);
            }
            return new PipelineResult(succeeded, written, _uploaded, _reused, compiled, _compilationId);
        }

        // ── Step 2: reuse or upload ─────────────────────────────────────────────────────────────────────────────

        /// <summary>Asset per distinct content hash (two prompts with identical bytes share one asset); null on failure.</summary>
        private async Task<Dictionary<string, MediaAssetDto>?> ResolveAssetsAsync()
        {
            var hashes = new string[_prompts.Count];
            var unreadable = 0;
            Parallel.For(0, _prompts.Count, new ParallelOptions { CancellationToken = _cancellation }, i =>
            {
                var input = _prompts[i].Input;
                try
                {
                    hashes[i] = ContentHash.OfFile(input.Path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Deleted or locked since validation read it (an editor saving, a checkout): an error on the file.
                    Interlocked.Increment(ref unreadable);
                    lock (_failures)
                    {
                        AddFailure(input, Diagnostic.Create(DiagnosticCatalog.AudioUnreadable, input.Path, input.Path, ex.Message));
                    }
                }
            });
            if (unreadable > 0)
            {
                return null;
            }
            var byHash = _prompts.Select((p, i) => (Hash: hashes[i], Prompt: p))
                .GroupBy(x => x.Hash, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Prompt, StringComparer.Ordinal);
            _hashes = hashes;

            var cache = Settings.AssetCachePath is { } cachePath ? AssetCache.Load(cachePath, Log) : AssetCache.None();
            var assets = new System.Collections.Concurrent.ConcurrentDictionary<string, MediaAssetDto>(StringComparer.Ordinal);
            var fileErrors = 0;
            using var stopOnFatal = CancellationTokenSource.CreateLinkedTokenSource(_cancellation);
            Exception? fatal = null;
            try
            {
                // Look-ups run wide; only the uploads themselves queue for one of MaxParallelUploads slots (ResolveAssetAsync).
                await Parallel.ForEachAsync(byHash,
                    new ParallelOptions { MaxDegreeOfParallelism = LightRequestParallelism, CancellationToken = stopOnFatal.Token },
                    async (entry, token) =>
                    {
                        try
                        {
                            assets[entry.Key] = await ResolveAssetAsync(cache, entry.Key, entry.Value, token).ConfigureAwait(false);
                        }
                        catch (MediaEngineException ex) when (IsAboutTheFile(ex))
                        {
                            // The engine refused this file's content (a rule, its size): an error on the file, and the
                            // other uploads go on so that one build lists every refused prompt.
                            Interlocked.Increment(ref fileErrors);
                            ReportEngineError(ex, entry.Value.Input);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            // Authentication, an unreachable engine...: the same for every prompt. Report it once.
                            Interlocked.CompareExchange(ref fatal, ex, null);
                            await stopOnFatal.CancelAsync().ConfigureAwait(false);
                        }
                    }).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (fatal is not null && !_cancellation.IsCancellationRequested)
            {
                // Stopped because of the fatal error reported below.
            }
            finally
            {
                // Whatever was learned before a failure still saves the next build a search.
                cache.SaveIfChanged(Log);
            }

            if (fatal is not null)
            {
                ReportCallFailure("Uploading prompts", fatal);
                return null;
            }
            return fileErrors == 0 ? new Dictionary<string, MediaAssetDto>(assets, StringComparer.Ordinal) : null;
        }

        private string[] _hashes = [];

        private int LightRequestParallelism => Math.Max(Settings.MaxParallelRequests, Settings.MaxParallelUploads);

        private async Task<MediaAssetDto> ResolveAssetAsync(AssetCache cache, string hash, ValidatedPrompt prompt, CancellationToken token)
        {
            var key = AssetCache.KeyOf(Settings.Engine, hash);
            if (cache.Get(key) is { } cachedId)
            {
                // The cache is a hint: engines expire assets, and a reused obj/ may have been built against a reset one.
                var asset = await _client.GetAssetAsync(cachedId, token).ConfigureAwait(false);
                if (asset is not null && string.Equals(asset.ContentHash, hash, StringComparison.OrdinalIgnoreCase))
                {
                    Interlocked.Increment(ref _reused);
                    return asset;
                }
                cache.Remove(key);
            }

            var held = await _client.FindAssetsByContentHashAsync(hash, token).ConfigureAwait(false);
            if (held.FirstOrDefault() is { } existing)
            {
                cache.Set(key, existing.Id);
                Interlocked.Increment(ref _reused);
                return existing;
            }

            MediaAssetDto uploaded;
            await _uploadSlots.WaitAsync(token).ConfigureAwait(false);
            try
            {
                uploaded = await _client.UploadAssetAsync(prompt.Input.Path, hash, token).ConfigureAwait(false);
            }
            finally
            {
                _uploadSlots.Release();
            }
            cache.Set(key, uploaded.Id);
            Interlocked.Increment(ref _uploaded);
            Log.Info($"Uploaded {prompt.Input.Path} as asset {uploaded.Id}.");
            return uploaded;
        }

        private static bool IsAboutTheFile(MediaEngineException ex) => ex.Status is 400 or 413 or 415 or 422;

        // ── Step 3: compile and poll ────────────────────────────────────────────────────────────────────────────

        private async Task<CompileJobStatus?> CompileAsync(Dictionary<string, MediaAssetDto> assets)
        {
            var request = new CompileRequest
            {
                FlowId = Settings.FlowId,
                Encoding = Settings.Encoding,
                WebhookUrl = Settings.WebhookUrl,
                CorrelationId = _correlationId,
                Options = Settings.Options,
                Media = _prompts.Select((p, i) =>
                {
                    var asset = assets[_hashes[i]];
                    return new CompileMediaEntry
                    {
                        AssetId = asset.Id,
                        NodeId = p.Input.NodeId,
                        Format = asset.Format,
                        SampleRate = p.Probe.SampleRate ?? asset.SampleRate,
                        Priority = p.Input.Priority,
                        FallbackEncoding = p.Input.FallbackEncoding,
                    };
                }).ToArray(),
            };

            _submittedAt = _owner._time.GetUtcNow();
            var submitClock = Stopwatch.StartNew();
            CompileAccepted accepted;
            try
            {
                accepted = await _client.SubmitCompilationAsync(request, _cancellation).ConfigureAwait(false);
            }
            catch (MediaEngineException ex) when (ex.Status == 400 && ex.Error?.Details is { Count: > 0 } details)
            {
                ReportRequestDetails(ex, details);
                throw new EngineCallFailedException();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !_cancellation.IsCancellationRequested)
            {
                ReportCallFailure("Submitting the compile job", ex);
                throw new EngineCallFailedException();
            }
            _submitLatencyMs = submitClock.Elapsed.TotalMilliseconds;
            _compilationId = accepted.Id;
            Log.Info($"Submitted compile job {accepted.Id} for flow '{Settings.FlowId}' ({request.Media!.Count} prompts, correlation {_correlationId}).");
            return await PollAsync(accepted).ConfigureAwait(false);
        }

        private async Task<CompileJobStatus> PollAsync(CompileAccepted accepted)
        {
            using var deadline = new CancellationTokenSource(Settings.CompileTimeout, _owner._time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellation, deadline.Token);
            var delay = Settings.InitialPollInterval;
            var lastStatus = accepted.Status;
            try
            {
                while (true)
                {
                    var job = await _client.GetCompilationAsync(accepted.Id, linked.Token).ConfigureAwait(false);
                    lastStatus = job.Status;
                    if (CompileJobStates.IsFinal(job.Status))
                    {
                        return job;
                    }
                    await Task.Delay(delay, _owner._time, linked.Token).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Settings.MaxPollInterval.Ticks));
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !_cancellation.IsCancellationRequested)
            {
                var message = Diagnostic.Create(DiagnosticCatalog.CompileTimedOut, null, accepted.Id, Settings.FlowId,
                    FormatTimeout(Settings.CompileTimeout), lastStatus);
                Log.Report(message);
                _failures.Add(new AuditFailure(null, null, message.Code, message.Message));
                throw new TimeoutException();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !linked.IsCancellationRequested)
            {
                ReportCallFailure($"Polling compile job {accepted.Id}", ex);
                throw new EngineCallFailedException();
            }
        }

        private static string FormatTimeout(TimeSpan timeout) =>
            timeout.TotalSeconds < 120
                ? timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
                : timeout.ToString("c", CultureInfo.InvariantCulture);

        // ── Step 4: results ─────────────────────────────────────────────────────────────────────────────────────

        /// <summary>Reports rejections on their files and returns the READY results with their prompts.</summary>
        private List<(ValidatedPrompt Prompt, CompileResult Result)> ReportResults(CompileJobStatus job)
        {
            var ready = new List<(ValidatedPrompt, CompileResult)>();
            // A result without a node id (or a null entry) in the engine's answer matches no prompt; skipping it keeps
            // the dictionary from throwing, and a prompt left without a result is still IVR2102 below.
            var resultsByNode = (job.Results ?? [])
                .Where(r => r?.NodeId is not null)
                .GroupBy(r => r.NodeId, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var prompt in _prompts)
            {
                if (!resultsByNode.TryGetValue(prompt.Input.NodeId, out var result))
                {
                    if (job.Status == CompileJobStates.Completed)
                    {
                        AddFailure(prompt.Input, Diagnostic.Create(DiagnosticCatalog.CompileResultMissing, prompt.Input.Path, job.Id, prompt.Input.NodeId));
                    }
                }
                else if (result.Status == CompileResultStates.Rejected)
                {
                    AddFailure(prompt.Input, EngineDiagnostic(result.ErrorCode, result.Message ?? "rejected by the media engine", prompt.Input.Path));
                }
                else if (result.Status == CompileResultStates.Ready)
                {
                    ready.Add((prompt, result));
                }
                else if (job.Status == CompileJobStates.Completed)
                {
                    // Neither READY nor REJECTED (a state this client does not know): nothing usable came back, and a
                    // build that silently leaves the prompt out must not pass.
                    AddFailure(prompt.Input, Diagnostic.Create(DiagnosticCatalog.CompileResultMissing, prompt.Input.Path, job.Id, prompt.Input.NodeId));
                }
            }

            if (job.Status == CompileJobStates.Failed && _failures.Count == 0)
            {
                var failure = Diagnostic.Create(DiagnosticCatalog.CompileJobFailed, null, job.Id, job.FlowId, job.Message ?? "no reason given");
                Log.Report(failure);
                _failures.Add(new AuditFailure(null, null, failure.Code, failure.Message));
            }
            return ready;
        }

        private void AddFailure(PromptInput prompt, Diagnostic diagnostic)
        {
            Log.Report(diagnostic);
            _failures.Add(new AuditFailure(prompt.NodeId, prompt.Path, diagnostic.Code, diagnostic.Message));
        }

        // ── Step 5: download ────────────────────────────────────────────────────────────────────────────────────

        private async Task<IReadOnlyList<string>> DownloadAsync(List<(ValidatedPrompt Prompt, CompileResult Result)> ready, string directory)
        {
            var written = new System.Collections.Concurrent.ConcurrentBag<string>();
            await Parallel.ForEachAsync(ready,
                new ParallelOptions { MaxDegreeOfParallelism = LightRequestParallelism, CancellationToken = _cancellation },
                async (item, token) =>
                {
                    var destination = Path.GetFullPath(Path.Combine(directory, item.Prompt.Input.NodeId + ".wav"));
                    try
                    {
                        if (item.Result.DownloadUri is not { Length: > 0 } uri)
                        {
                            throw new InvalidDataException("the engine gave no download address");
                        }
                        Directory.CreateDirectory(directory);
                        await _client.DownloadAsync(uri, destination, token).ConfigureAwait(false);
                        written.Add(destination);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        lock (_failures)
                        {
                            AddFailure(item.Prompt.Input, Diagnostic.Create(DiagnosticCatalog.CompiledPromptWriteFailed,
                                item.Prompt.Input.Path, item.Prompt.Input.NodeId, destination, ex.Message));
                        }
                    }
                }).ConfigureAwait(false);
            return written.OrderBy(p => p, StringComparer.Ordinal).ToArray();
        }

        // ── Reporting ───────────────────────────────────────────────────────────────────────────────────────────

        /// <summary>An engine code (IVR3xxx...) as a diagnostic, with the catalogue's title when the code is ours.</summary>
        private static Diagnostic EngineDiagnostic(string? code, string message, string? file)
        {
            // Only an IVR#### code can stand as the build error's code: a blank one would make an uncoded error, and a
            // foreign engine's ("bad.request") is no code of ours; either is kept in the message under IVR2103.
            if (code is not null && !DiagnosticCatalog.IsWellFormedCode(code))
            {
                message = code.Length == 0 ? message : $"{message} (engine code '{code}')";
                code = null;
            }
            var descriptor = (code is null ? null : DiagnosticCatalog.Find(code))
                ?? new DiagnosticDescriptor(code ?? DiagnosticCatalog.EngineRequestFailed.Code, DiagnosticSeverity.Error,
                    "Rejected by the media engine", "{0}", "");
            return new Diagnostic(descriptor, file, message, DiagnosticSeverity.Error);
        }

        private void ReportEngineError(MediaEngineException ex, PromptInput prompt)
        {
            lock (_failures)
            {
                AddFailure(prompt, EngineDiagnostic(ex.Code, ex.Message, prompt.Path));
            }
        }

        /// <summary>A 400 on the compile request: details name fields such as <c>media[2].assetId</c>, i.e. a prompt.</summary>
        private void ReportRequestDetails(MediaEngineException ex, IReadOnlyList<ApiErrorDetail> details)
        {
            foreach (var detail in details)
            {
                var prompt = MediaIndexOf(detail.Field) is { } index && index < _prompts.Count ? _prompts[index].Input : null;
                var diagnostic = EngineDiagnostic(detail.Code ?? ex.Code, $"{detail.Field}: {detail.Message}", prompt?.Path);
                Log.Report(diagnostic);
                _failures.Add(new AuditFailure(prompt?.NodeId, prompt?.Path, diagnostic.Code, diagnostic.Message));
            }
        }

        private static int? MediaIndexOf(string? field)
        {
            if (field is null || !field.StartsWith("media[", StringComparison.Ordinal))
            {
                return null;
            }
            var end = field.IndexOf(']');
            return end > 6 && int.TryParse(field.AsSpan(6, end - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? index
                : null;
        }

        private void ReportCallFailure(string action, Exception ex)
        {
            var diagnostic = ex is MediaEngineException engineError
                ? EngineDiagnostic(engineError.Code, $"{action} failed: {engineError.Message}", null)
                : Diagnostic.Create(DiagnosticCatalog.EngineRequestFailed, null, action, ex.Message);
            Log.Report(diagnostic);
            _failures.Add(new AuditFailure(null, null, diagnostic.Code, diagnostic.Message));
        }

        private void WriteAudit(string status)
        {
            if (Settings.AuditLogPath is not { } path || _compilationId is null && status != "ERROR")
            {
                return;
            }
            AuditLog.Append(path, new AuditRecord
            {
                CorrelationId = _correlationId,
                CompilationId = _compilationId,
                FlowId = Settings.FlowId,
                Engine = _client.Description,
                Encoding = Settings.Encoding,
                AssetCount = _prompts.Count,
                Uploaded = _uploaded,
                Reused = _reused,
                StartedAt = _started,
                SubmittedAt = _submittedAt,
                FinishedAt = _owner._time.GetUtcNow(),
                SubmitLatencyMs = _submitLatencyMs,
                TotalDurationMs = _clock.Elapsed.TotalMilliseconds,
                Status = status,
                Failures = _failures.ToArray(),
            }, Log);
        }
    }

    /// <summary>Signals that an engine call failed and was already reported; unwinds to the audit line.</summary>
    private sealed class EngineCallFailedException : Exception;
}
