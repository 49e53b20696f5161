using System.Text.Encodings.Web;
using System.Text.Json;

namespace MediaCompiler.Diagnostics.Output;

/// <summary>
/// SARIF 2.1.0 for code-scanning uploads (GitHub, Azure DevOps), written the same way by the build (IvrSarifLog) and
/// by <c>ivr-media validate --sarif</c>: one rule per IVR code that occurs, with its title, fix text and a link to its
/// section of docs/diagnostics.md; one result per diagnostic, located at line 1 of the prompt file (audio has no lines;
/// the file is the location).
/// </summary>
public static class SarifLog
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The anchor of one code in docs/diagnostics.md.</summary>
    public static string HelpUri(string diagnosticsDocument, string code) => $"{diagnosticsDocument}#{code.ToLowerInvariant()}";

    /// <param name="results">Each diagnostic with the file it is about (the diagnostic's own file when it has one).</param>
    /// <param name="toolName">The driver: <c>ivr-media</c> or <c>MediaCompiler.Build</c>.</param>
    /// <param name="toolVersion">The tool's version.</param>
    /// <param name="diagnosticsDocument">Where docs/diagnostics.md is (a URI), for the rules' help links.</param>
    public static string Write(IEnumerable<(string Path, Diagnostic Diagnostic)> results, string toolName, string toolVersion, string diagnosticsDocument)
    {
        var diagnostics = results.Select(r => (Path: r.Diagnostic.File ?? r.Path, r.Diagnostic)).ToList();
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
            WriteTool(json, rules, toolName, toolVersion, diagnosticsDocument);
            json.WriteStartArray("results");
            foreach (var (path, diagnostic) in diagnostics)
            {
                WriteResult(json, diagnostic, path, ruleIndex[diagnostic.Code]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteTool(Utf8JsonWriter json, IReadOnlyList<DiagnosticDescriptor> rules, string toolName, string toolVersion,
        string diagnosticsDocument)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", toolName);
        json.WriteString("version", toolVersion);
        json.WriteString("informationUri", diagnosticsDocument);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Code);
            json.WriteString("name", string.Concat(rule.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..])));
            WriteText(json, "shortDescription", rule.Title);
            WriteText(json, "fullDescription", DiagnosticText.ShowPlaceholders(rule.MessageFormat));
            WriteText(json, "help", DiagnosticText.ShowPlaceholders(rule.Fix));
            json.WriteString("helpUri", HelpUri(diagnosticsDocument, rule.Code));
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
