using System.CommandLine;
using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;
using Spectre.Console;

namespace MediaCompiler.Cli;

/// <summary>
/// <c>ivr-media probe &lt;file&gt; [--json] [--platform ...]</c>: what a file really is, read from its headers, as a
/// table followed by every problem validate would report (not only the structural ones), or as validate's JSON object.
/// </summary>
internal static class ProbeCommand
{
    public static Command Create(Terminal terminal, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The audio file to probe." };
        UnknownOptions.RejectIn(file);
        var json = new Option<bool>("--json") { Description = "Print the object validate --json prints for this file (with its verdict)." };
        var platform = PlatformOption.Create();
        var command = new Command("probe", "Show what an audio file really is (container, codec, rate, channels, "
            + "duration, hash, speech level and silence...) and every rule it breaks. Exit code 0: accepted; 1: it breaks a rule; 2: no such file.")
        {
            file,
            json,
            platform,
        };

        command.SetAction(parseResult => Run(parseResult.GetValue(file)!, parseResult.GetValue(json), PlatformOption.Read(parseResult, platform), terminal, error));
        return command;
    }

    private static int Run(string path, bool json, MediaCompiler.Audio.Rules.TargetPlatform platform, Terminal terminal, TextWriter error)
    {
        var entry = MediaCompiler.Audio.Files.FileSystemEntries.Inspect(path);
        if (entry.Kind is MediaCompiler.Audio.Files.FileSystemEntryKind.Missing or MediaCompiler.Audio.Files.FileSystemEntryKind.Directory)
        {
            error.WriteLine(Directory.Exists(path)
                ? $"ivr-media: '{path}' is a folder; probe takes one file (use 'ivr-media validate {path}' for a folder)."
                : $"ivr-media: '{path}' does not exist (no such file).");
            return ExitCodes.UsageError;
        }

        var report = PromptReport.Create(path, platform, QualitySettings.Default);
        if (json)
        {
            terminal.Raw(ValidationJson.WriteOne(report));
            return report.Ok ? ExitCodes.Success : ExitCodes.Failed;
        }

        var probe = report.Validation.Probe;
        var sha256 = report.Sha256;

        var table = new Table().AddColumn("Field").AddColumn("Value");
        foreach (var row in Rows(probe, sha256, report.Validation.Diagnostics))
        {
            table.AddRow(Markup.Escape(row.Label), Markup.Escape(row.Value));
        }

        foreach (var (label, value) in LoudnessRows(report.Loudness, WhyNotMeasured(report)))
        {
            table.AddRow(Markup.Escape(label), Markup.Escape(value));
        }

        terminal.Render(table);
        foreach (var diagnostic in report.Validation.Diagnostics)
        {
            terminal.Line((Describe.Canonical(diagnostic, path), diagnostic.IsError ? Color.Red : Color.Yellow));
        }

        return report.Ok ? ExitCodes.Success : ExitCodes.Failed;
    }

    /// <summary>One row per <see cref="AudioProbeResult"/> field (Field names it) and one for the content hash.</summary>
    public static IReadOnlyList<(string Field, string Label, string Value)> Rows(AudioProbeResult probe, string? sha256) =>
        Rows(probe, sha256, probe.Diagnostics);

    /// <summary>The rows, with Problems counting <paramref name="problems"/> (the verdict's, not only the probe's).</summary>
    public static IReadOnlyList<(string Field, string Label, string Value)> Rows(AudioProbeResult probe, string? sha256, IReadOnlyList<MediaCompiler.Diagnostics.Diagnostic> problems) =>
    [
        (nameof(probe.Path), "Path", probe.Path),
        (nameof(probe.SizeBytes), "Size", $"{Number(probe.SizeBytes)} bytes"),
        (nameof(probe.Container), "Container", Describe.Format(probe.Container) ?? "unknown"),
        (nameof(probe.Codec), "Codec", probe.Codec ?? "-"),
        (nameof(probe.CodecDescription), "Codec description", probe.CodecDescription ?? "-"),
        (nameof(probe.SampleRate), "Sample rate", probe.SampleRate is { } rate ? $"{Number(rate)} Hz" : "-"),
        (nameof(probe.DecodedSampleRate), "Decoded sample rate", probe.DecodedSampleRate is { } decoded
            ? $"{Number(decoded)} Hz (the rules judge the sample rate above)" : "-"),
        (nameof(probe.Channels), "Channels", probe.Channels is { } channels ? $"{channels} ({Describe.Channels(channels)})" : "-"),
        (nameof(probe.BitsPerSample), "Bits per sample", probe.BitsPerSample?.ToString(CultureInfo.InvariantCulture) ?? "-"),
        (nameof(probe.Bitrate), "Bitrate", probe.Bitrate is { } bitrate ? $"{Number(bitrate)} bit/s" : "-"),
        (nameof(probe.DurationSeconds), "Duration", probe.DurationSeconds is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.000} s") : "-"),
        (nameof(probe.AudioDataBytes), "Audio data", probe.AudioDataBytes is { } bytes ? $"{Number(bytes)} bytes" : "-"),
        (nameof(probe.AudioDataOffset), "Audio data offset", probe.AudioDataOffset is { } offset ? $"byte {Number(offset)}" : "-"),
        (nameof(probe.BigEndian), "Big-endian samples", probe.BigEndian ? "yes" : "no"),
        (nameof(probe.Diagnostics), "Problems", problems.Count == 0 ? "none" : $"{problems.Count} (listed below)"),
        ("Sha256", "SHA-256", sha256 ?? "-"),
    ];

    /// <summary>
    /// Why a prompt's audio was not measured: the checks skip a refused header and a file over the platform's size
    /// limit (its errors are the answer), so only what is left is a file the engine cannot decode.
    /// </summary>
    internal static string WhyNotMeasured(PromptReport report)
    {
        var errors = report.Validation.Diagnostics.Where(d => d.IsError).Select(d => d.Code).ToHashSet();
        return report.Validation.Probe.Diagnostics.Any(d => d.IsError) ? "its header is refused, see the errors below"
            : errors.Contains(DiagnosticCatalog.PromptTooLarge.Code) || errors.Contains(DiagnosticCatalog.PlatformFileTooLarge.Code)
                ? "the file is over the platform's size limit, see the errors below"
            : errors.Contains(DiagnosticCatalog.DecodeStreamDamaged.Code) ? "its audio could not be decoded, see the errors below"
            : "the audio cannot be decoded in-process";
    }

    /// <summary>The loudness block as rows ("-" where a value does not apply; one row saying why when nothing was measured).</summary>
    public static IReadOnlyList<(string Label, string Value)> LoudnessRows(PromptLoudness? loudness, string whyNotMeasured) => loudness is null
        ? [("Loudness", $"- (not measured: {whyNotMeasured})")]
        :
        [
            ("Speech level (P.56)", loudness.ActiveSpeechLevelDbov is { } level ? Invariant($"{level:0.0} dBov") : "- (no active speech)"),
            ("Speech activity", loudness.ActivityPercent is { } activity ? Invariant($"{activity:0.0} %") : "-"),
            ("Peak", loudness.PeakDbfs is { } peak ? Invariant($"{peak:0.0} dBFS") : "- (digital silence)"),
            ("Leading silence", Invariant($"{loudness.LeadingSilenceSeconds:0.00} s")),
            ("Trailing silence", Invariant($"{loudness.TrailingSilenceSeconds:0.00} s")),
            ("Clipped samples", Number(loudness.ClippedSamples)),
        ];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
