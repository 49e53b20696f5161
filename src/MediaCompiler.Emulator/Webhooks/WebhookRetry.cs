using MediaCompiler.Contract;
using MediaCompiler.Http;
using MediaCompiler.Emulator.Configuration;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace MediaCompiler.Emulator.Webhooks;

/// <summary>
/// The webhook retry policy on Polly, timed by the emulator's <see cref="EmulatorSettings.TimeProvider"/> (so a fake
/// clock drives it in tests): exponential backoff from <see cref="WebhookSettings.BaseDelayMilliseconds"/>, or the
/// receiver's Retry-After when longer (at most <see cref="MaxRetryAfter"/>), until a 2xx or MaxAttempts attempts.
/// </summary>
internal static class WebhookRetry
{
    /// <summary>Longest wait a receiver's Retry-After may impose between two attempts.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    public static ResiliencePipeline<HttpResponseMessage> Create(EmulatorSettings settings, ILogger logger, string jobId, CancellationToken stopping)
    {
        var webhooks = settings.Webhooks;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = settings.TimeProvider };
        if (webhooks.MaxAttempts <= 1)
        {
            return builder.Build();
        }

        var baseDelay = TimeSpan.FromMilliseconds(webhooks.BaseDelayMilliseconds);
        return builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = webhooks.MaxAttempts - 1,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException } => true,
                // HttpClient's own timeout; a cancellation because the emulator stops is not retried.
                { Exception: TaskCanceledException } => !stopping.IsCancellationRequested,
                { Result: { IsSuccessStatusCode: false } } => true,
                _ => false,
            }),
            DelayGenerator = args =>
            {
                var backoff = baseDelay * Math.Pow(2, args.AttemptNumber);
                var asked = args.Outcome.Result is { } response ? RetryAfter.Read(response, settings.TimeProvider.GetUtcNow()) : null;
                var wait = asked is { } value && value > backoff ? (value < MaxRetryAfter ? value : MaxRetryAfter) : backoff;
                return ValueTask.FromResult<TimeSpan?>(wait);
            },
            OnRetry = args =>
            {
                logger.LogInformation("Webhook of job {JobId} attempt {Attempt} failed ({Outcome}); retrying in {Delay}.",
                    jobId, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    public static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception?.GetType().Name ?? $"HTTP {(int)outcome.Result!.StatusCode}";
}
