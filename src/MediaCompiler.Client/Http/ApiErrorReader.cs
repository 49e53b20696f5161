using System.Text.Json;
using MediaCompiler.Contract;

namespace MediaCompiler.Client;

/// <summary>Reads the media API's error body (<c>{ message, code, status, contextId, details }</c>) when there is one.</summary>
internal static class ApiErrorReader
{
    /// <summary>The error, or null when the body is empty or not an API error (an HTML page from a proxy, say).</summary>
    public static async Task<ApiError?> TryReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(text))
                return null;
            var error = JsonSerializer.Deserialize<ApiError>(text, MediaApiJson.Options);
            if (error is null || (error.Message is null && error.Code is null))
                return null;
            // The wire may omit any field; the record's non-nullable members are made good here, once.
            return error with
            {
                Message = error.Message ?? string.Empty,
                Code = error.Code ?? string.Empty,
                Status = error.Status == 0 ? (int)response.StatusCode : error.Status,
                ContextId = error.ContextId ?? string.Empty,
                Details = error.Details?.Where(d => d is not null).ToArray() ?? [],
            };
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or IOException or HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>"engine message" for a failure line: the API's message, else the HTTP reason phrase.</summary>
    public static string Describe(ApiError? error, HttpResponseMessage response) =>
        error?.Message is { Length: > 0 } message ? message : response.ReasonPhrase ?? "no error body";
}
