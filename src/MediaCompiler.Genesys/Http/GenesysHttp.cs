using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Http;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MediaCompiler.Genesys.Http;

/// <summary>
/// Sends requests to Genesys Cloud: a bearer token on each attempt (a rejected token is replaced once), the
/// client-side request budget, retries with backoff on 429 (Retry-After wins), 5xx, timeouts and dropped
/// connections, a timeout per attempt. What the retries could not absorb becomes a coded failure; any other answer
/// is returned for the caller to interpret. Counts every request sent, for the audit log and the benchmark.
/// </summary>
internal sealed class GenesysHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly GenesysSyncOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ResiliencePipeline _attemptTimeout;
    private readonly RequestBudget _budget;
    private int _requests;
    private int _rateLimitWaits;

    public GenesysHttp(GenesysSyncOptions options)
    {
        _options = options;
        _http = new HttpClient(options.Handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: options.Handler is null)
        {
            // Timeouts belong to the pipeline (per attempt), not to HttpClient.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _budget = new RequestBudget(options.RequestsPerMinute, options.TimeProvider);
        // The timeout is per attempt and covers the exchange only, not the budget wait inside the attempt.
        _pipeline = RetryPipeline.Create(
            new RetrySettings(options.MaxRetries, options.BaseRetryDelay, options.MaxRetryDelay, RequestTimeout: null, options.TimeProvider), ReportRetry);
        _attemptTimeout = RetryPipeline.CreateAttemptTimeout(options.RequestTimeout, options.TimeProvider);
    }

    /// <summary>Requests sent so far (every attempt, token requests included).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Waits caused by rate limiting: 429 answers retried and client-side budget waits.</summary>
    public int RateLimitWaits => Volatile.Read(ref _rateLimitWaits);

    /// <summary>
    /// Sends one logical request. <paramref name="token"/> supplies the bearer token (null: no Authorization, e.g.
    /// the token request itself, which sets its own header in <paramref name="createRequest"/>).
    /// </summary>
    public async Task<ApiOutcome<ApiResponse>> SendAsync(
        string operation, Func<HttpRequestMessage> createRequest, ITokenSource? token, CancellationToken cancellationToken)
    {
        var renewedToken = false;
        while (true)
        {
            var outcome = await SendOnceAsync(operation, createRequest, token, cancellationToken).ConfigureAwait(false);
            if (outcome.Value is { Status: 401 } && token is not null && !renewedToken)
            {
                // The token expired or was revoked between our check and the call: one fresh token, once.
                renewedToken = true;
                token.Invalidate();
                continue;
            }

            return outcome;
        }
    }

    private async Task<ApiOutcome<ApiResponse>> SendOnceAsync(
        string operation, Func<HttpRequestMessage> createRequest, ITokenSource? token, CancellationToken cancellationToken)
    {
        string? bearer = null;
        if (token is not null)
        {
            var fetched = await token.GetAsync(cancellationToken).ConfigureAwait(false);
            if (fetched.Failure is { } tokenFailure)
            {
                return ApiOutcome<ApiResponse>.Fail(tokenFailure);
            }

            bearer = fetched.Value!;
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPipeline.Operation, operation);
        var attempts = 0;
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    using var request = createRequest();
                    if (bearer is not null)
                    {
                        // Budgeted per attempt: every retry is a request the platform counts.
                        await WaitForBudgetAsync(bearer, operation, ctx.CancellationToken).ConfigureAwait(false);
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                    }

                    // The timeout covers the exchange only, not the budget wait before it.
                    Interlocked.Increment(ref _requests);
                    return await _attemptTimeout.ExecuteAsync(
                        async timed => await BoundedBody.SendAsync(_http, request, BoundedBody.MaxJsonAnswerBytes, timed).ConfigureAwait(false),
                        ctx.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = RetryAfter.Read(response.Headers.RetryAfter, _options.TimeProvider.GetUtcNow()) is { } wait
                    ? wait.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s"
                    : "none";
                return ApiOutcome<ApiResponse>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysRateLimited, null, operation, attempts, retryAfter));
            }

            var answer = new ApiResponse(operation, status, body);
            if (status >= 500)
            {
                var error = answer.Error;
                return ApiOutcome<ApiResponse>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysServerError, null, operation, status, attempts,
                    error?.Message ?? "no ErrorBody", error?.ContextId ?? "none"));
            }

            return ApiOutcome<ApiResponse>.Ok(answer);
        }
        catch (AnswerTooLargeException ex)
        {
            return ApiOutcome<ApiResponse>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysMalformedResponse, null, operation, ex.Status, ex.Message));
        }
        catch (TimeoutRejectedException)
        {
            return ApiOutcome<ApiResponse>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysTimedOut, null, operation, _options.RequestTimeout.TotalSeconds, attempts));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return ApiOutcome<ApiResponse>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysUnreachable, null, operation, DescribeTransportFailure(ex)));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// The bytes behind a pre-signed link (a resource's mediaUri): no Authorization header and no request budget (the
    /// storage is not the API), but the same retries, backoff and per-attempt timeout as every request; the body is
    /// read inside the attempt, so a stalled or dropped download is retried like any other. At most
    /// <see cref="GenesysSyncOptions.MaxMediaBytes"/>. A 403 (the link expired) is its own outcome, for the caller to
    /// sign the link again. Logs and errors name the link without its query: the signature is a credential.
    /// </summary>
    public async Task<MediaDownload> GetMediaAsync(Uri address, CancellationToken cancellationToken)
    {
        var operation = "GET " + address.GetLeftPart(UriPartial.Path);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RetryPipeline.Operation, operation);
        var attempts = 0;
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    Interlocked.Increment(ref _requests);
                    using var request = new HttpRequestMessage(HttpMethod.Get, address);
                    return await _attemptTimeout.ExecuteAsync(
                        async timed => await BoundedBody.SendAsync(_http, request, _options.MaxMediaBytes, timed).ConfigureAwait(false),
                        ctx.CancellationToken).ConfigureAwait(false);
                },
                context).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return response.StatusCode switch
            {
                HttpStatusCode.Forbidden => MediaDownload.LinkExpired,
                _ when response.IsSuccessStatusCode => new MediaDownload(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), null),
                _ when TransientResponses.IsTransient(response.StatusCode, HttpMethod.Get) =>
                    new MediaDownload(null, string.Create(CultureInfo.InvariantCulture, $"HTTP {status}, {attempts} attempt(s)")),
                _ => new MediaDownload(null, string.Create(CultureInfo.InvariantCulture, $"HTTP {status}")),
            };
        }
        catch (AnswerTooLargeException ex)
        {
            return new MediaDownload(null, ex.Claimed is { } claimed
                ? string.Create(CultureInfo.InvariantCulture, $"the audio is {claimed} bytes, more than the {ex.MaxBytes} any prompt can be")
                : string.Create(CultureInfo.InvariantCulture, $"the audio is more than the {ex.MaxBytes} bytes any prompt can be"));
        }
        catch (TimeoutRejectedException)
        {
            return new MediaDownload(null, string.Create(CultureInfo.InvariantCulture,
                $"no complete answer within {_options.RequestTimeout.TotalSeconds:0} s, {attempts} attempt(s)"));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return new MediaDownload(null, DescribeTransportFailure(ex) + string.Create(CultureInfo.InvariantCulture, $", {attempts} attempt(s)"));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task WaitForBudgetAsync(string bearer, string operation, CancellationToken cancellationToken)
    {
        // The platform counts per token: a new token starts a new window.
        var waited = await _budget.TakeAsync(bearer, cancellationToken).ConfigureAwait(false);
        if (waited > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _rateLimitWaits);
            Log(waited, string.Create(CultureInfo.InvariantCulture,
                $"{operation}: waited {waited.TotalSeconds:0.#} s to stay within {_options.RequestsPerMinute} requests a minute."));
        }
    }

    private void ReportRetry(RetryNotice retry)
    {
        if (retry.RateLimited)
        {
            Interlocked.Increment(ref _rateLimitWaits);
        }
        Log(retry.Delay, retry.Describe());
    }

    private void Log(TimeSpan wait, string text) =>
        _options.Log?.Invoke(new SyncLogMessage(wait >= _options.NoticeableWait ? SyncLogLevel.Normal : SyncLogLevel.Detailed, text));

    private static string DescribeTransportFailure(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return $"{socket.Message} ({socket.SocketErrorCode})";
            }
        }

        return ex.Message;
    }

    public void Dispose()
    {
        _http.Dispose();
    }
}

/// <summary>Where the bearer token of a request comes from.</summary>
internal interface ITokenSource
{
    Task<ApiOutcome<string>> GetAsync(CancellationToken cancellationToken);

    void Invalidate();
}
