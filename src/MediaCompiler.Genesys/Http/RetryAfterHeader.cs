using System.Net.Http.Headers;

namespace MediaCompiler.Genesys.Http;

/// <summary>
/// Reads Retry-After in either form (delta seconds, as Genesys sends it, or HTTP-date). A copy of the media API
/// client's RetryAfter helper, kept here so this library does not depend on that client's internals.
/// </summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Read(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
