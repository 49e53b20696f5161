using System.Globalization;
using MediaCompiler.Client;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline;

/// <summary>Turns what an engine said (its codes, its failures) into diagnostics of our catalogue.</summary>
internal static class EngineDiagnostics
{
    /// <summary>An engine code (IVR3xxx...) as a diagnostic, with the catalogue's title when the code is ours.</summary>
    public static Diagnostic FromEngineCode(string? code, string message, string? file)
    {
        // Only an IVR#### code can stand as the build error's code: a blank one would make an uncoded error, and a
        // foreign engine's ("bad.request") is no code of ours; either is kept in the message under IVR2103.
        if (code is not null && !DiagnosticCatalog.IsWellFormedCode(code))
        {
            message = code.Length == 0 ? message : $"{message} (engine code '{code}')";
            code = null;
        }
        var descriptor = (code is null ? null : DiagnosticCatalog.Find(code))
            ?? new DiagnosticDescriptor(code ?? DiagnosticCatalog.EngineRequestFailed.Code, DiagnosticSeverity.Error,
                "Rejected by the media engine", "{0}", "");
        return new Diagnostic(descriptor, file, message, DiagnosticSeverity.Error);
    }

    /// <summary>
    /// A warning the engine attached to a READY result (e.g. IVR1608, normalisation limited), on the prompt's file,
    /// with the catalogue's title when the code is ours; a foreign code is kept in the message under IVR2103's code.
    /// </summary>
    public static Diagnostic WarningFromEngine(string? code, string? message, string file)
    {
        var text = message ?? "a warning from the media engine";
        if (code is not null && !DiagnosticCatalog.IsWellFormedCode(code))
        {
            text = code.Length == 0 ? text : $"{text} (engine code '{code}')";
            code = null;
        }
        var descriptor = (code is null ? null : DiagnosticCatalog.Find(code))
            ?? new DiagnosticDescriptor(code ?? DiagnosticCatalog.EngineRequestFailed.Code, DiagnosticSeverity.Warning,
                "Warning from the media engine", "{0}", "");
        return new Diagnostic(descriptor, file, text, DiagnosticSeverity.Warning);
    }

    /// <summary>
    /// A failed engine call: the engine's own code when it gave one, else IVR2103 naming the action. Only the
    /// exceptions an engine call means (the client's <see cref="MediaEngineException"/>, HTTP and I/O failures) come
    /// here; anything else is a bug of ours and reaches the task's internal-error guard.
    /// </summary>
    public static Diagnostic CallFailed(string action, Exception ex) => ex is MediaEngineException engineError
        ? FromEngineCode(engineError.Code, $"{action} failed: {engineError.Message}", null)
        : Diagnostic.Create(DiagnosticCatalog.EngineRequestFailed, null, action, ex.Message);

    /// <summary>The exceptions an engine call may end with, other than cancellation.</summary>
    public static bool IsCallFailure(Exception ex) =>
        ex is MediaEngineException or HttpRequestException or IOException or TimeoutException;

    /// <summary>A 400 on the compile request: details name fields such as <c>media[2].assetId</c>, i.e. a prompt.</summary>
    public static void ReportRequestDetails(MediaEngineException ex, IReadOnlyList<ApiErrorDetail> details,
        IReadOnlyList<ValidatedPrompt> prompts, FailureCollector failures)
    {
        foreach (var detail in details)
        {
            var prompt = MediaIndexOf(detail.Field) is { } index && index < prompts.Count ? prompts[index].Input : null;
            failures.Add(prompt, FromEngineCode(detail.Code ?? ex.Code, $"{detail.Field}: {detail.Message}", prompt?.Path));
        }
    }

    private static int? MediaIndexOf(string? field)
    {
        if (field is null || !field.StartsWith("media[", StringComparison.Ordinal))
        {
            return null;
        }
        var end = field.IndexOf(']');
        return end > 6 && int.TryParse(field.AsSpan(6, end - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;
    }
}
