using System.Net;
using Polly;
using Polly.Timeout;

namespace MediaCompiler.Http;

/// <summary>
/// Which answers are worth another attempt, for every remote: 429 and the 5xx a gateway or a busy server gives (500,
/// 502, 503, 504, as the Genesys SDKs retry them), a timed-out attempt and a dropped connection; and 409 to a read
/// (GET/HEAD), which Genesys Cloud documents as a transient conflict with a concurrent write (a read changes nothing,
/// so repeating it is safe; a 409 to a write is an answer about the request). Anything else is returned to the caller
/// at once.
/// </summary>
public static class TransientResponses
{
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        TimeoutRejectedException or HttpRequestException or IOException => true,
        null => outcome.Result is { } response && IsTransient(response.StatusCode, response.RequestMessage?.Method),
        _ => false,
    };

    /// <param name="status">The answer's status.</param>
    /// <param name="method">The request's method (null: unknown, taken as a write).</param>
    public static bool IsTransient(HttpStatusCode status, HttpMethod? method = null) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
        || (status == HttpStatusCode.Conflict && (method == HttpMethod.Get || method == HttpMethod.Head));
}
