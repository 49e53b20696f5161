using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MediaCompiler.Http;

/// <summary>How hard a remote's requests are retried, and how long one attempt may take.</summary>
/// <param name="MaxRetries">Retries after the first attempt (0: none).</param>
/// <param name="BaseDelay">The first backoff; it doubles (with jitter) up to <paramref name="MaxDelay"/>.</param>
/// <param name="MaxDelay">The longest wait, a server's Retry-After included.</param>
/// <param name="RequestTimeout">One attempt's exchange; null: the caller times attempts itself.</param>
public sealed record RetrySettings(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan? RequestTimeout, TimeProvider Time);

/// <summary>One retry about to happen, for the remote's log.</summary>
/// <param name="Retry">1 for the first retry.</param>
public sealed record RetryNotice(string Operation, string Reason, int Retry, int MaxRetries, TimeSpan Delay, bool RateLimited)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Operation}: {Reason}; retry {Retry} of {MaxRetries} in {Delay.TotalSeconds:0.###} s.");
}

/// <summary>
/// The one retry policy of every remote (the media API and Genesys Cloud): exponential backoff with jitter on the
/// answers <see cref="TransientResponses"/> names (429, 5xx, 409 to a read, timeouts, dropped connections); a server's Retry-After
/// wins over the backoff; every wait is capped. The caller's cancellation token ends any wait at once.
/// </summary>
public static class RetryPipeline
{
    /// <summary>The "GET https://host/api/..." a retry notice names; set on the ResilienceContext of each call.</summary>
    public static readonly ResiliencePropertyKey<string> Operation = new("MediaCompiler.Operation");

    // Polly's own limits for these settings; outside them it throws at build time, and a user setting must never crash.
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <param name="onRetry">Told of every retry before its wait (the failed answer is disposed after it returns).</param>
    /// <param name="randomizer">The jitter's source; tests pass a fixed one.</param>
    public static ResiliencePipeline<HttpResponseMessage> Create(RetrySettings settings, Action<RetryNotice> onRetry, Func<double>? randomizer = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = settings.Time };
        var maxDelay = Clamp(settings.MaxDelay, TimeSpan.Zero, MaxTimeout);
        if (settings.MaxRetries > 0)
        {
            var retry = new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = Clamp(settings.BaseDelay, TimeSpan.Zero, maxDelay),
                MaxDelay = maxDelay,
                ShouldHandle = args => ValueTask.FromResult(TransientResponses.IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(ServerRequestedDelay(args.Outcome, settings.Time, maxDelay)),
                OnRetry = args =>
                {
                    onRetry(new RetryNotice(args.Context.Properties.GetValue(Operation, "request"), Reason(args.Outcome),
                        args.AttemptNumber + 1, settings.MaxRetries, args.RetryDelay,
                        args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests));
                    // The failed answer is not returned to anyone; release its connection now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            };
            if (randomizer is not null)
            {
                retry.Randomizer = randomizer;
            }
            builder.AddRetry(retry);
        }
        if (settings.RequestTimeout is { } timeout)
        {
            builder.AddTimeout(Clamp(timeout, MinTimeout, MaxTimeout));
        }
        return builder.Build();
    }

    /// <summary>A timeout for one attempt alone, for a caller that does more than the exchange inside an attempt.</summary>
    public static ResiliencePipeline CreateAttemptTimeout(TimeSpan timeout, TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(Clamp(timeout, MinTimeout, MaxTimeout)).Build();

    /// <summary>The server's Retry-After (on any retried answer, capped), or null to fall back to the backoff.</summary>
    private static TimeSpan? ServerRequestedDelay(Outcome<HttpResponseMessage> outcome, TimeProvider time, TimeSpan maxDelay) =>
        outcome.Result is { } response && RetryAfter.Read(response, time.GetUtcNow()) is { } wait
            ? (wait > maxDelay ? maxDelay : wait)
            : null;

    private static string Reason(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException => "timed out",
        Exception ex => ex.GetType().Name + ": " + ex.Message,
        null => "HTTP " + (int)outcome.Result!.StatusCode,
    };

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
