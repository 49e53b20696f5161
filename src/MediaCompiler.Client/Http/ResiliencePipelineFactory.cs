using System.Globalization;
using System.Net;
using MediaCompiler.Http;
using Polly;
using Polly.Retry;
using MediaCompiler.Contract;
using Polly.Timeout;

namespace MediaCompiler.Client;

/// <summary>
/// The retry and timeout policy of every media API call: exponential backoff with jitter on 429, 500/502/503/504,
/// per-attempt timeouts and dropped connections; a 429's Retry-After wins over the backoff; every wait is capped
/// by <see cref="HttpMediaEngineClientOptions.MaxRetryDelay"/>. The caller's cancellation token ends any wait at once.
/// POSTs are retried too: uploads are content-addressed (a repeat answers 200 with the same asset), and a repeated
/// compile submission at worst leaves an extra job that nobody polls.
/// </summary>
internal static class ResiliencePipelineFactory
{
    /// <summary>The "GET http://host/api/..." line a retry log names; set on the ResilienceContext of each call.</summary>
    public static readonly ResiliencePropertyKey<string> Operation = new("MediaCompiler.Operation");

    // Polly's own limits for these settings; outside them it throws at build time, and a user setting must never crash.
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    public static ResiliencePipeline<HttpResponseMessage> Create(HttpMediaEngineClientOptions options, Func<double>? randomizer = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider };
        var maxDelay = Clamp(options.MaxRetryDelay, TimeSpan.Zero, MaxTimeout);

        if (options.MaxRetries > 0)
        {
            var retry = new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = Clamp(options.BaseRetryDelay, TimeSpan.Zero, maxDelay),
                MaxDelay = maxDelay,
                ShouldHandle = args => ValueTask.FromResult(TransientResponses.IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(ServerRequestedDelay(args.Outcome, options.TimeProvider, maxDelay)),
                OnRetry = args =>
                {
                    options.Log?.Invoke(DescribeRetry(args, options.MaxRetries));
                    if (args.RetryDelay > HttpMediaEngineClientOptions.LongWait)
                    {
                        var reason = args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ? "rate limit" : "retry";
                        options.Progress?.Invoke(string.Format(CultureInfo.InvariantCulture,
                            "IVR prompts: waiting {0:0} s for {1} (attempt {2} of {3}).", args.RetryDelay.TotalSeconds, reason, args.AttemptNumber + 2, options.MaxRetries + 1));
                    }
                    // The failed answer is not returned to anyone; release its connection now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            };
            if (randomizer is not null)
                retry.Randomizer = randomizer;
            builder.AddRetry(retry);
        }

        builder.AddTimeout(Clamp(options.RequestTimeout, MinTimeout, MaxTimeout));
        return builder.Build();
    }

    /// <summary>The server's Retry-After (on any retried answer, capped), or null to fall back to the backoff.</summary>
    private static TimeSpan? ServerRequestedDelay(Outcome<HttpResponseMessage> outcome, TimeProvider time, TimeSpan maxDelay) =>
        outcome.Result is { } response && RetryAfter.Read(response, time.GetUtcNow()) is { } wait
            ? (wait > maxDelay ? maxDelay : wait)
            : null;

    private static string DescribeRetry(OnRetryArguments<HttpResponseMessage> args, int maxRetries)
    {
        var operation = args.Context.Properties.GetValue(Operation, "media API request");
        var reason = args.Outcome.Exception switch
        {
            TimeoutRejectedException => "timed out",
            Exception ex => ex.GetType().Name + ": " + ex.Message,
            null => "HTTP " + (int)args.Outcome.Result!.StatusCode,
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{operation}: {reason}; retry {args.AttemptNumber + 1} of {maxRetries} in {args.RetryDelay.TotalSeconds:0.###} s.");
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
