using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MediaCompiler.Cli;

/// <summary>
/// The <c>validate --json</c> document: one array, an object per file, with every key always present (null when a
/// value does not apply or could not be read) so that scripts can index it without checking for missing keys.
/// </summary>
public static class ValidationJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Paths and messages are shown to people and scripts, not embedded in HTML: keep "é" and "<" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(IEnumerable<PromptReport> reports)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartArray();
            foreach (var report in reports)
            {
                WriteReport(json, report);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteReport(Utf8JsonWriter json, PromptReport report)
    {
        var probe = report.Validation.Probe;
        json.WriteStartObject();
        json.WriteString("path", report.Path);
        json.WriteBoolean("ok", report.Ok);
        json.WriteString("format", Describe.Format(probe.Container));
        json.WriteString("codec", probe.Codec);
        WriteNumber(json, "sampleRate", probe.SampleRate);
        WriteNumber(json, "channels", probe.Channels);
        WriteNumber(json, "bitsPerSample", probe.BitsPerSample);
        WriteNumber(json, "bitrate", probe.Bitrate);
        if (probe.DurationSeconds is { } seconds && double.IsFinite(seconds))
        {
            json.WriteNumber("durationSeconds", seconds);
        }
        else
        {
            json.WriteNull("durationSeconds");
        }

        json.WriteNumber("sizeBytes", probe.SizeBytes);
        json.WriteString("sha256", report.Sha256);

        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in report.Validation.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("code", diagnostic.Code);
            json.WriteString("severity", Describe.Severity(diagnostic.Severity));
            json.WriteString("message", diagnostic.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
