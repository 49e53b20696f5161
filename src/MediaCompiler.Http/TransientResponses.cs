using System.Net;
using Polly;
using Polly.Timeout;

namespace MediaCompiler.Http;

/// <summary>
/// Which answers are worth another attempt, for every remote: 429 and the 5xx a gateway or a busy server gives (500,
/// 502, 503, 504, as the Genesys SDKs retry them), a timed-out attempt and a dropped connection. Anything else is an
/// answer about the request and is returned to the caller at once.
/// </summary>
public static class TransientResponses
{
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException or HttpRequestException or IOException => true,
        null => outcome.Result is { } response && IsTransient(response.StatusCode),
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
