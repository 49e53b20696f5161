using MediaCompiler.Diagnostics.Output;

namespace MediaCompiler.Cli.Output;

/// <summary><c>validate --sarif</c>: the shared SARIF writer, with the CLI's name and its copy of docs/diagnostics.md.</summary>
public static class CliSarif
{
    /// <summary>
    /// docs/diagnostics.md, each code an anchor in it: the copy shipped beside the tool (an absolute file URI, as the
    /// build's HelpLinks point at the package's copy), or IVR_MEDIA_DIAGNOSTICS_URL where a team publishes it.
    /// </summary>
    public static string DiagnosticsDocument { get; } =
        Environment.GetEnvironmentVariable("IVR_MEDIA_DIAGNOSTICS_URL") is { Length: > 0 } published
            ? published.Trim()
            : new Uri(Path.Combine(AppContext.BaseDirectory, "docs", "diagnostics.md")).AbsoluteUri;

    public static string HelpUri(string code) => SarifLog.HelpUri(DiagnosticsDocument, code);

    public static string Write(IEnumerable<PromptReport> reports, string toolVersion) =>
        SarifLog.Write(reports.SelectMany(r => r.Validation.Diagnostics.Select(d => (r.Path, d))), "ivr-media", toolVersion, DiagnosticsDocument);
}
