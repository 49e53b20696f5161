using System.Text.Json;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Http;

/// <summary>An answer the platform gave (any status the retries did not absorb), with its body read.</summary>
internal sealed record ApiResponse(string Operation, int Status, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The ErrorBody of a failed answer, when the body is one.</summary>
    public ErrorBodyDto? Error => IsSuccess ? null : TryRead<ErrorBodyDto>(Body);

    /// <summary>"message (code 'x', contextId y)" pieces for a diagnostic about this answer.</summary>
    public Diagnostic Unexpected(string? file = null)
    {
        var error = Error;
        var message = error?.Message ?? (Body.Length > 200 ? Body[..200] + "…" : Body);
        return Diagnostic.Create(DiagnosticCatalog.GenesysUnexpectedStatus, file, Operation, Status,
            message.Length == 0 ? "no body" : message, error?.Code ?? "none", error?.ContextId ?? "none");
    }

    /// <summary>The body as <typeparamref name="T"/>, or a coded failure when it is not that JSON.</summary>
    public ApiOutcome<T> Read<T>()
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(Body, ArchitectJson.Options);
            if (value is not null)
            {
                return ApiOutcome<T>.Ok(value);
            }
        }
        catch (JsonException ex)
        {
            return ApiOutcome<T>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysMalformedResponse, null, Operation, Status, ex.Message));
        }

        return ApiOutcome<T>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysMalformedResponse, null, Operation, Status, "an empty body"));
    }

    private static T? TryRead<T>(string body)
        where T : class
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize<T>(body, ArchitectJson.Options);
        }
        catch (JsonException)
        {
            // Not an ErrorBody (a proxy's HTML page, say): the caller quotes the raw body instead.
            return null;
        }
    }
}

/// <summary>Either a value or the coded reason there is none. Failures are values, not exceptions.</summary>
internal readonly record struct ApiOutcome<T>(T? Value, Diagnostic? Failure)
{
    public bool IsOk => Failure is null;

    public static ApiOutcome<T> Ok(T value) => new(value, null);

    public static ApiOutcome<T> Fail(Diagnostic failure) => new(default, failure);
}
