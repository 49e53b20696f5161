using System.Net.Http.Headers;

namespace MediaCompiler.Http;

/// <summary>
/// Reads a Retry-After header, in either of its two forms (delta seconds or HTTP-date): HTTP semantics,
/// shared by the media API client (engine answers), the emulator (webhook receivers) and the Genesys Cloud client.
/// </summary>
public static class RetryAfter
{
    /// <summary>The wait the server asks for, never negative; null when the header is absent or unusable.</summary>
    public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Read(response.Headers.RetryAfter, now);
    }

    public static TimeSpan? Read(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
