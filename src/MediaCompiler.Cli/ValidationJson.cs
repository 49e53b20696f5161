using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MediaCompiler.Cli;

/// <summary>
/// The <c>validate --json</c> document: one array, an object per file, with every key always present (null when a
/// value does not apply or could not be read) so that scripts can index it without checking for missing keys.
/// <c>probe --json</c> prints the same object for its one file.
/// </summary>
public static class ValidationJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Paths and messages are shown to people and scripts, not embedded in HTML: keep "é" and "<" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One file's object alone (<c>probe --json</c>).</summary>
    public static string WriteOne(PromptReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            WriteReport(json, report);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

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
        WriteNumber(json, "decodedSampleRate", probe.DecodedSampleRate);
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
        WriteLoudness(json, report.Loudness);

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

    /// <summary>
    /// The speech-level block: null when the audio was not measured; inside it, null for a value that does not apply
    /// (no active speech: no level; digital silence: no peak).
    /// </summary>
    private static void WriteLoudness(Utf8JsonWriter json, PromptLoudness? loudness)
    {
        if (loudness is null)
        {
            json.WriteNull("loudness");
            return;
        }

        json.WriteStartObject("loudness");
        WriteDouble(json, "activeSpeechLevelDbov", loudness.ActiveSpeechLevelDbov);
        WriteDouble(json, "activityPercent", loudness.ActivityPercent);
        WriteDouble(json, "peakDbfs", loudness.PeakDbfs);
        WriteDouble(json, "leadingSilenceSeconds", loudness.LeadingSilenceSeconds);
        WriteDouble(json, "trailingSilenceSeconds", loudness.TrailingSilenceSeconds);
        json.WriteNumber("clippedSamples", loudness.ClippedSamples);
        json.WriteEndObject();
    }

    private static void WriteDouble(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double number && double.IsFinite(number))
        {
            json.WriteNumber(name, Math.Round(number, 3)); // Finer than a thousandth of a dB or second means nothing here.
        }
        else
        {
            json.WriteNull(name); // -inf dB (digital silence) has no JSON number.
        }
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
