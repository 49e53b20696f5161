using System.Diagnostics;
using System.Globalization;
using MediaCompiler.Client;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline.Steps;

/// <summary>
/// Step 3 (media API): submit the compile matrix, then ask for the job's status until it is final, the compile timeout
/// passes or the build is cancelled. Each status request asks the engine to hold its answer until the job ends (up to
/// <see cref="ProgressEvery"/>, see <see cref="IMediaEngineClient.WaitForCompilationAsync"/>), so the ending is known
/// the moment it happens; requests start at least the doubling poll interval apart, so an engine that answers at once
/// is polled as before. Says how it ended as a <see cref="CompileOutcome"/>.
/// </summary>
internal sealed class CompileStep(IMediaEngineClient client, RunContext context)
{
    /// <summary>How often a job still running is reported at normal verbosity; also the longest one status request is held.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    private PipelineSettings Settings => context.Settings;

    public async Task<CompileOutcome> RunAsync(IReadOnlyList<ValidatedPrompt> prompts, AssetResolution resolved, CancellationToken cancellationToken)
    {
        var request = BuildRequest(prompts, resolved);
        var submittedAt = context.Time.GetUtcNow();
        var submitClock = Stopwatch.StartNew();
        CompileAccepted accepted;
        try
        {
            accepted = await client.SubmitCompilationAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new CompileOutcome.Cancelled(null);
        }
        catch (MediaEngineException ex) when (ex.Refusal is { Kind: RefusalKind.AboutTheRequest, Details: { Count: > 0 } details })
        {
            EngineDiagnostics.ReportRequestDetails(ex, details, prompts, context.Failures);
            return new CompileOutcome.Failed(null, null);
        }
        catch (Exception ex) when (EngineDiagnostics.IsCallFailure(ex) || ex is OperationCanceledException)
        {
            // An OperationCanceledException without our cancellation is a client timeout: a failed call like the rest.
            context.Failures.Add(null, EngineDiagnostics.CallFailed("Submitting the compile job", ex));
            return new CompileOutcome.Failed(null, null);
        }

        var sent = new Submission(accepted.Id, submittedAt, submitClock.Elapsed.TotalMilliseconds);
        context.Log.Info($"Submitted compile job {accepted.Id} for flow '{Settings.FlowId}' ({request.Media!.Count} prompts, correlation {context.CorrelationId}).");
        return await PollAsync(sent, accepted.Status, cancellationToken).ConfigureAwait(false);
    }

    private CompileRequest BuildRequest(IReadOnlyList<ValidatedPrompt> prompts, AssetResolution resolved) => new()
    {
        FlowId = Settings.FlowId,
        Encoding = Settings.Encoding,
        WebhookUrl = Settings.WebhookUrl,
        CorrelationId = context.CorrelationId,
        Options = Settings.Options,
        Media = prompts.Select((p, i) =>
        {
            var asset = resolved.Assets![resolved.Hashes[i]];
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

    private async Task<CompileOutcome> PollAsync(Submission sent, string firstStatus, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(Settings.CompileTimeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var progress = new ProgressThrottle(context.Time, ProgressEvery, ProgressEvery);
        var delay = Settings.InitialPollInterval;
        var lastStatus = firstStatus;
        try
        {
            while (true)
            {
                var asked = context.Time.GetTimestamp();
                var job = await client.WaitForCompilationAsync(sent.CompilationId, ProgressEvery, linked.Token).ConfigureAwait(false);
                lastStatus = job.Status;
                if (job.Status == CompileJobStates.Completed)
                {
                    return new CompileOutcome.Completed(sent, job);
                }
                if (CompileJobStates.IsFinal(job.Status))
                {
                    return new CompileOutcome.Failed(sent, job);
                }
                if (progress.IsDue())
                {
                    context.Log.Progress(string.Format(CultureInfo.InvariantCulture,
                        "IVR prompts: compile job {0} is {1} after {2:0} s.", sent.CompilationId, job.Status, progress.Elapsed.TotalSeconds));
                }
                // An answer held by the engine was the wait; one given at once waits out the rest of the interval.
                var rest = delay - context.Time.GetElapsedTime(asked);
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, context.Time, linked.Token).ConfigureAwait(false);
                }
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Settings.MaxPollInterval.Ticks));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new CompileOutcome.Cancelled(sent);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            context.Failures.Add(null, Diagnostic.Create(DiagnosticCatalog.CompileTimedOut, null, sent.CompilationId, Settings.FlowId,
                FormatTimeout(Settings.CompileTimeout), lastStatus));
            return new CompileOutcome.TimedOut(sent, lastStatus);
        }
        catch (Exception ex) when (EngineDiagnostics.IsCallFailure(ex) || ex is OperationCanceledException)
        {
            context.Failures.Add(null, EngineDiagnostics.CallFailed($"Polling compile job {sent.CompilationId}", ex));
            return new CompileOutcome.Failed(sent, null);
        }
    }

    private static string FormatTimeout(TimeSpan timeout) =>
        timeout.TotalSeconds < 120
            ? timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
            : timeout.ToString("c", CultureInfo.InvariantCulture);
}
