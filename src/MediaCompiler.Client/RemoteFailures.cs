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
    /// An upload the engine refused. The engine's own code (an IVR1xxx rule code) is kept, so the build reports the
    /// same rule it would have reported locally; IVR4008 when the engine gave no code of that form (none, or a generic
    /// one such as "request.entity.too.large", which the message keeps in the engine's words). <paramref name="status"/>
    /// is the HTTP status when the refusal came over HTTP, null from an in-process engine.
    /// </summary>
    public static MediaEngineException UploadRejected(string fileName, EngineRefusal refusal, int? status = null, ApiError? error = null)
    {
        var answer = status is { } code ? $"HTTP {code}" : "the in-process engine";
        var message = Diagnostic.Create(DiagnosticCatalog.RemoteUploadRejected, null, fileName, answer, refusal.Message).Message;
        var ivrCode = DiagnosticCatalog.IsWellFormedCode(refusal.Code) ? refusal.Code! : DiagnosticCatalog.RemoteUploadRejected.Code;
        return new MediaEngineException(ivrCode, message, status, error, refusal: refusal);
    }

    /// <summary>A refused compile request, with one line per bad field.</summary>
    public static MediaEngineException CompileRejected(string? flowId, EngineRefusal refusal, int? status = null, ApiError? error = null)
    {
        var message = Diagnostic.Create(DiagnosticCatalog.RemoteCompileRejected, null, flowId ?? "(none)", DescribeDetails(refusal)).Message;
        return new MediaEngineException(DiagnosticCatalog.RemoteCompileRejected.Code, message, status, error, refusal: refusal);
    }

    /// <summary>
    /// One line (MSBuild shows one message per line) naming every bad field; the engine's summary only when it
    /// sent no details, since its summary repeats them.
    /// </summary>
    private static string DescribeDetails(EngineRefusal refusal)
    {
        if (refusal.Details is not { Count: > 0 } details)
            return refusal.Message;
        return string.Join("; ", details.Select(d => d.Field is null ? $"{d.Message} ({d.Code})" : $"{d.Field}: {d.Message} ({d.Code})"));
    }
}
