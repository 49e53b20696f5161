using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Http;
using Polly;
using Polly.Timeout;

namespace MediaCompiler.Client;

/// <summary>
/// Sends one logical request through the resilience pipeline (a new HttpRequestMessage per attempt) and turns what
/// is left after the retries (timeouts, dropped connections, 429, 5xx) into coded <see cref="MediaEngineException"/>s.
/// Any other answer is returned to the caller, who knows what it means for its route.
/// </summary>
internal sealed class ResilientSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly HttpMediaEngineClientOptions _options;
    private readonly RequestBudget _budget;

    public ResilientSender(HttpMediaEngineClientOptions options, Func<double>? randomizer)
    {
        _options = options;
        // Timeouts belong to the pipeline (per attempt, on the injected clock), not to HttpClient.
        _http = new HttpClient(options.Handler ?? CreateDefaultHandler(), disposeHandler: options.Handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        // POSTs are retried too: uploads are content-addressed (a repeat answers 200 with the same asset), and a
        // repeated compile submission at worst leaves an extra job that nobody polls.
        _pipeline = RetryPipeline.Create(
            new RetrySettings(options.MaxRetries, options.BaseRetryDelay, options.MaxRetryDelay, options.RequestTimeout, options.TimeProvider),
            ReportRetry, randomizer);
        _budget = new RequestBudget(options.MaxRequestsPerMinute, options.TimeProvider, ReportWait);
    }

    /// <summary>A request answered with JSON: a body past <see cref="BoundedBody.MaxJsonAnswerBytes"/> is IVR4007.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, string operation, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return await SendBoundedAsync(createRequest, operation, url, BoundedBody.MaxJsonAnswerBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (AnswerTooLargeException ex)
        {
            throw RemoteFailures.Create(DiagnosticCatalog.RemoteMalformedResponse, ex.Status, null, ex, operation, ex.Status, ex.Message);
        }
    }

    /// <param name="maxAnswerBytes">
    /// The most the answer's body may hold; past it, <see cref="AnswerTooLargeException"/> (the caller knows what the
    /// answer was meant to be, so it says what went wrong).
    /// </param>
    public async Task<HttpResponseMessage> SendBoundedAsync(Func<HttpRequestMessage> createRequest, string operation, Uri url, long maxAnswerBytes,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPipeline.Operation, operation);
        var attempts = new StrongBox<int>();
        HttpResponseMessage response;
        // Outside the per-attempt timeout: a wait for the engine's window to reset is not a slow answer. Retries are
        // spaced by the pipeline's backoff, which honours Retry-After.
        await _budget.TakeAsync(null, cancellationToken).ConfigureAwait(false);
        try
        {
            response = await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    state.attempts.Value++;
                    using var request = state.createRequest();
                    var answer = await BoundedBody.SendAsync(state.http, request, state.maxAnswerBytes, ctx.CancellationToken).ConfigureAwait(false);
                    state.budget.Learn(ReadInt(answer, RateLimitHeaders.Remaining), ReadInt(answer, RateLimitHeaders.Reset), ReadInt(answer, RateLimitHeaders.Limit));
                    return answer;
                },
                context,
                (createRequest, http: _http, attempts, budget: _budget, maxAnswerBytes)).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw RemoteFailures.Create(DiagnosticCatalog.RemoteTimedOut, null, null, ex,
                operation, attempts.Value, _options.RequestTimeout.TotalSeconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw RemoteFailures.Create(DiagnosticCatalog.RemoteUnreachable, null, null, ex,
                ApiUrls.Display(url), DescribeTransportFailure(ex));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        await ThrowIfGaveUpAsync(response, operation, attempts.Value, cancellationToken).ConfigureAwait(false);
        return response;
    }

    private static async Task ThrowIfGaveUpAsync(HttpResponseMessage response, string operation, int attempts, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            response.Dispose();
            throw RemoteFailures.Create(DiagnosticCatalog.RemoteRateLimited, status, null, null, operation, attempts);
        }
        if (status >= 500)
        {
            using (response)
            {
                var error = await ApiErrorReader.TryReadAsync(response, cancellationToken).ConfigureAwait(false);
                var contextId = error?.ContextId is { Length: > 0 } id ? id : "none";
                throw RemoteFailures.Create(DiagnosticCatalog.RemoteServerError, status, error, null,
                    operation, status, attempts, ApiErrorReader.Describe(error, response), contextId);
            }
        }
    }

    /// <summary>"Connection refused", "Name or service not known"...: the socket's own words, which are the useful ones.</summary>
    private static string DescribeTransportFailure(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
                return $"{socket.Message} ({socket.SocketErrorCode})";
        }
        return ex.Message;
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // Re-resolve DNS now and then: a long build talking to a cloud region must follow its endpoint moves.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
    };

    /// <summary>A wait for the engine's window (IVR5101), through the progress log, so a build never sits silently.</summary>
    private void ReportRetry(RetryNotice retry)
    {
        _options.Log?.Invoke(retry.Describe());
        if (retry.Delay > HttpMediaEngineClientOptions.LongWait)
        {
            _options.Progress?.Invoke(string.Format(CultureInfo.InvariantCulture, "IVR prompts: waiting {0:0} s for {1} (attempt {2} of {3}).",
                retry.Delay.TotalSeconds, retry.RateLimited ? "rate limit" : "retry", retry.Retry + 1, retry.MaxRetries + 1));
        }
    }

    private void ReportWait(BudgetWait wait)
    {
        var limit = wait.Limit?.ToString(CultureInfo.InvariantCulture) ?? "?";
        var window = wait.OwnCeiling ? "60" : "the engine's window of";
        var message = Diagnostic.Create(DiagnosticCatalog.RequestBudgetWait, null,
            wait.Wait.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), limit, window).ToString();
        _options.Log?.Invoke(message);
        _options.Progress?.Invoke(message);
    }

    private static int? ReadInt(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    public void Dispose() => _http.Dispose();
}
