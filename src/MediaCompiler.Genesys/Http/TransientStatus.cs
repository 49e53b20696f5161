using System.Net;
using Polly;
using Polly.Timeout;

namespace MediaCompiler.Genesys.Http;

/// <summary>Which answers are worth another attempt: those the .NET SDK retries (429, 502, 503, 504), plus 500 and transport failures.</summary>
internal static class TransientStatus
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
