using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Faults;
using MediaCompiler.Engine;
using MediaCompiler.Contract;
using Microsoft.Extensions.Logging;
using Polly;

namespace MediaCompiler.Emulator.Webhooks;

/// <summary>
/// Delivers a job's webhook when the _engine reports it finished: the WebhookPayload JSON, signed with the webhook
/// secret of the client that submitted the job, retried by <see cref="WebhookRetry"/> (Polly, on the emulator's clock)
/// until a 2xx or <see cref="WebhookSettings.MaxAttempts"/> attempts.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    /// <summary>How long a finished job waits for its submission to be recorded (the _engine may finish first).</summary>
    private static readonly TimeSpan SubmitterWait = TimeSpan.FromSeconds(10);

    private readonly MediaEngine _engine;
    private readonly JobFaultOverlay _jobFaults;
    private readonly EmulatorSettings _settings;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ClientSettings>> _submitters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _deliveries = new();
    private readonly SubmitterFiles? _submitterFiles;

    public WebhookDispatcher(MediaEngine engine, JobFaultOverlay jobFaults, EmulatorSettings settings, ILogger<WebhookDispatcher> logger)
    {
        _engine = engine;
        _jobFaults = jobFaults;
        _settings = settings;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(_settings.Webhooks.TimeoutSeconds),
        };
        _submitterFiles = string.IsNullOrWhiteSpace(settings.DataDirectory) ? null : new SubmitterFiles(Path.GetFullPath(settings.DataDirectory));
        _engine.JobFinished += OnJobFinished;
    }

    /// <summary>
    /// Remembers which client submitted a job, so its webhook is signed with that client's secret; with a data
    /// directory also on disk, so a job resumed after a restart still knows whose secret signs its webhook.
    /// </summary>
    public void RecordSubmitter(string jobId, ClientSettings client, bool hasWebhook = true)
    {
        if (hasWebhook)
        {
            _submitterFiles?.Save(jobId, client.ClientId);
        }

        Submitter(jobId).TrySetResult(client);
    }

    /// <summary>The emulator's own addresses (set once it listens): a webhook may never point back at them.</summary>
    public IReadOnlyCollection<Uri> OwnAddresses { get; set; } = [];

    /// <summary>Forgets _submitters (emulator reset); _deliveries under way go on.</summary>
    public void Clear() => _submitters.Clear();

    public async ValueTask DisposeAsync()
    {
        _engine.JobFinished -= OnJobFinished;
        await _stopping.CancelAsync();
        await Task.WhenAll(_deliveries.Keys);
        _http.Dispose();
        _stopping.Dispose();
    }

    private TaskCompletionSource<ClientSettings> Submitter(string jobId) =>
        _submitters.GetOrAdd(jobId, _ => new TaskCompletionSource<ClientSettings>(TaskCreationOptions.RunContinuationsAsynchronously));

    private void OnJobFinished(CompileJobStatus job, string? webhookUrl)
    {
        if (string.IsNullOrWhiteSpace(webhookUrl))
        {
            _submitters.TryRemove(job.Id, out _);
            return;
        }

        var payload = new WebhookPayload(job.Id, job.CorrelationId, job.Status, job.Results, job.Message, _settings.TimeProvider.GetUtcNow());
        var delivery = Task.Run(() => DeliverAsync(job.Id, webhookUrl, payload, _stopping.Token));
        _deliveries.TryAdd(delivery, 0);
        delivery.ContinueWith(done => _deliveries.TryRemove(done, out _), TaskScheduler.Default);
    }

    private async Task DeliverAsync(string jobId, string webhookUrl, WebhookPayload payload, CancellationToken cancellationToken)
    {
        try
        {
            // Checked again at send: the submit-time check may predate a change of address or settings.
            if (WebhookTargetPolicy.Refusal(webhookUrl, _settings.Webhooks, OwnAddresses) is { } refusal)
            {
                _logger.LogWarning("Webhook of job {JobId} not sent: {Refusal}.", jobId, refusal);
                return;
            }

            var target = new Uri(webhookUrl, UriKind.Absolute);
            ClientSettings client;
            try
            {
                if (_submitterFiles?.Load(jobId) is { } clientId && _settings.Clients.FirstOrDefault(c => c.ClientId == clientId) is { } recorded)
                {
                    Submitter(jobId).TrySetResult(recorded);
                }

                client = await Submitter(jobId).Task.WaitAsync(SubmitterWait, cancellationToken);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("Webhook of job {JobId} not sent: the job's submitting client is unknown.", jobId);
                return;
            }
            finally
            {
                _submitters.TryRemove(jobId, out _);
                _submitterFiles?.Delete(jobId);
            }

            // The fault switch was decided before the submitter was recorded, so it is known by now.
            if (_jobFaults.SuppressesWebhookOf(jobId))
            {
                return;
            }

            var seen = _jobFaults.Apply(new CompileJobStatus(jobId, "", payload.CorrelationId, payload.Status, payload.Timestamp, payload.Timestamp, payload.Message, payload.Results));
            payload = payload with { Status = seen.Status, Message = seen.Message, Results = seen.Results };
            var body = JsonSerializer.SerializeToUtf8Bytes(payload, MediaApiJson.Options);
            var signature = WebhookSignature.Compute(client.WebhookSecret, body);
            await SendWithRetriesAsync(jobId, target, body, signature, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The emulator is _stopping.
        }
    }

    private async Task SendWithRetriesAsync(string jobId, Uri target, byte[] body, string signature, CancellationToken cancellationToken)
    {
        var retry = WebhookRetry.Create(_settings, _logger, jobId, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        Outcome<HttpResponseMessage> outcome;
        try
        {
            outcome = await retry.ExecuteOutcomeAsync(
            static async (context, state) =>
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, state.target) { Content = new ByteArrayContent(state.body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                    request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, state.signature);
                    return Outcome.FromResult(await state.http.SendAsync(request, context.CancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return Outcome.FromException<HttpResponseMessage>(ex);
                }
            },
            context,
            (http: _http, target, body, signature));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        using var response = outcome.Result;
        if (response?.IsSuccessStatusCode != true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _logger.LogWarning("Webhook of job {JobId} given up after {Attempts} attempt(s); last: {Outcome}.",
                jobId, Math.Max(1, _settings.Webhooks.MaxAttempts), WebhookRetry.Describe(outcome));
        }
    }

    /// <summary>Completes when every delivery under way has ended (sent, given up or stopped); for tests.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_deliveries.Keys);
}
