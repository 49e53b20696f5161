using MediaCompiler.Diagnostics;
using MediaCompiler.Contract;

namespace MediaCompiler.Client;

/// <summary>Builds <see cref="MediaEngineException"/>s from the IVR4xxx catalogue, so every failure carries its code and fix.</summary>
internal static class RemoteFailures
{
    public static MediaEngineException Create(
        DiagnosticDescriptor descriptor, int? status, ApiError? error, Exception? inner, params object?[] args) =>
        new(descriptor.Code, Diagnostic.Create(descriptor, null, args).Message, status, error, inner);

    /// <summary>
    /// An upload the engine refused (400/413). The engine's own code (an IVR1xxx rule code) is kept, so the build
    /// reports the same rule it would have reported locally; IVR4008 when the engine gave no code of that form (none,
    /// or a generic one such as "request.entity.too.large", which the message keeps in the engine's words).
    /// </summary>
    public static MediaEngineException UploadRejected(string fileName, int status, ApiError? error)
    {
        var reason = error?.Message is { Length: > 0 } message ? message : "no reason given";
        var failure = Create(DiagnosticCatalog.RemoteUploadRejected, status, error, null, fileName, status, reason);
        return DiagnosticCatalog.IsWellFormedCode(error?.Code) && error!.Code is { } engineCode
            ? new MediaEngineException(engineCode, failure.Message, status, error)
            : failure;
    }

    /// <summary>A 400 on a compile request, with one line per bad field.</summary>
    public static MediaEngineException CompileRejected(string? flowId, int status, ApiError? error)
    {
        var reasons = DescribeDetails(error);
        return Create(DiagnosticCatalog.RemoteCompileRejected, status, error, null, flowId ?? "(none)", reasons);
    }

    /// <summary>
    /// One line (MSBuild shows one message per line) naming every bad field; the engine's summary only when it
    /// sent no details, since its summary repeats them.
    /// </summary>
    private static string DescribeDetails(ApiError? error)
    {
        if (error is null)
            return "no reason given";
        if (error.Details is not { Count: > 0 } details)
            return error.Message;
        return string.Join("; ", details.Select(d => d.Field is null ? $"{d.Message} ({d.Code})" : $"{d.Field}: {d.Message} ({d.Code})"));
    }
}
