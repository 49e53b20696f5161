using System.Text.Encodings.Web;
using System.Text.Json;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Cli.Output;

/// <summary>
/// SARIF 2.1.0 for code-scanning uploads (GitHub, Azure DevOps): one rule per IVR code that occurs, with its title,
/// fix text and a link to its section of docs/diagnostics.md; one result per diagnostic, located at line 1 of the
/// prompt file (audio has no lines; the file is the location).
/// </summary>
public static class SarifLog
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>
    /// docs/diagnostics.md, each code an anchor in it: the copy shipped beside the tool (an absolute file URI, as the
    /// build's HelpLinks point at the package's copy), or IVR_MEDIA_DIAGNOSTICS_URL where a team publishes it.
    /// </summary>
    public static string DiagnosticsDocument { get; } =
        Environment.GetEnvironmentVariable("IVR_MEDIA_DIAGNOSTICS_URL") is { Length: > 0 } published
            ? published.Trim()
            : new Uri(Path.Combine(AppContext.BaseDirectory, "docs", "diagnostics.md")).AbsoluteUri;

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(IEnumerable<PromptReport> reports, string toolVersion)
    {
        var diagnostics = reports.SelectMany(r => r.Validation.Diagnostics.Select(d => (Report: r, Diagnostic: d))).ToList();
        var rules = diagnostics.Select(d => d.Diagnostic.Descriptor).DistinctBy(d => d.Code).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((rule, index) => (rule.Code, index)).ToDictionary(p => p.Code, p => p.index);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules, toolVersion);
            json.WriteStartArray("results");
            foreach (var (report, diagnostic) in diagnostics)
            {
                WriteResult(json, diagnostic, diagnostic.File ?? report.Path, ruleIndex[diagnostic.Code]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string HelpUri(string code) => $"{DiagnosticsDocument}#{code.ToLowerInvariant()}";

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<DiagnosticDescriptor> rules, string toolVersion)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "ivr-media");
        json.WriteString("version", toolVersion);
        json.WriteString("informationUri", DiagnosticsDocument);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Code);
            json.WriteString("name", string.Concat(rule.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
            WriteText(json, "shortDescription", rule.Title);
            WriteText(json, "fullDescription", DiagnosticsMarkdown.ShowPlaceholders(rule.MessageFormat));
            WriteText(json, "help", DiagnosticsMarkdown.ShowPlaceholders(rule.Fix));
            json.WriteString("helpUri", HelpUri(rule.Code));
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.Severity));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Diagnostic diagnostic, string path, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", diagnostic.Code);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(diagnostic.Severity));
        WriteText(json, "message", diagnostic.Message);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", ArtifactUri(path));
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", 1);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Relative paths stay relative (code scanning resolves them against the checkout), with '/' separators.</summary>
    private static string ArtifactUri(string path) =>
        Path.IsPathRooted(path) ? new Uri(Path.GetFullPath(path)).AbsoluteUri : Uri.EscapeDataString(path.Replace('\\', '/')).Replace("%2F", "/", StringComparison.Ordinal);

    private static void WriteText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };
}
