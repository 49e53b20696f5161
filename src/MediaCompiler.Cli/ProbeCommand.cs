using System.CommandLine;
using System.Globalization;
using MediaCompiler.Audio;
using Spectre.Console;

namespace MediaCompiler.Cli;

/// <summary><c>ivr-media probe &lt;file&gt;</c>: what a file really is, read from its headers, as a table.</summary>
internal static class ProbeCommand
{
    public static Command Create(Terminal terminal, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "The audio file to probe." };
        UnknownOptions.RejectIn(file);
        var command = new Command("probe", "Show what an audio file really is (container, codec, rate, channels, "
            + "duration, hash...). Exit code 0: readable; 1: the probe found errors; 2: no such file.")
        {
            file,
        };

        command.SetAction(parseResult => Run(parseResult.GetValue(file)!, terminal, error));
        return command;
    }

    private static int Run(string path, Terminal terminal, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine(Directory.Exists(path)
                ? $"ivr-media: '{path}' is a folder; probe takes one file (use 'ivr-media validate {path}' for a folder)."
                : $"ivr-media: '{path}' does not exist (no such file).");
            return ExitCodes.UsageError;
        }

        var probe = AudioProbe.Probe(path);
        var sha256 = PromptReport.HashOrNull(path);

        var table = new Table().AddColumn("Field").AddColumn("Value");
        foreach (var row in Rows(probe, sha256))
        {
            table.AddRow(Markup.Escape(row.Label), Markup.Escape(row.Value));
        }

        terminal.Render(table);
        foreach (var diagnostic in probe.Diagnostics)
        {
            terminal.Line((Describe.Canonical(diagnostic, path), diagnostic.IsError ? Color.Red : Color.Yellow));
        }

        return probe.Diagnostics.Any(d => d.IsError) ? ExitCodes.Failed : ExitCodes.Success;
    }

    /// <summary>One row per <see cref="AudioProbeResult"/> field (Field names it) and one for the content hash.</summary>
    public static IReadOnlyList<(string Field, string Label, string Value)> Rows(AudioProbeResult probe, string? sha256) =>
    [
        (nameof(probe.Path), "Path", probe.Path),
        (nameof(probe.SizeBytes), "Size", $"{Number(probe.SizeBytes)} bytes"),
        (nameof(probe.Container), "Container", Describe.Format(probe.Container) ?? "unknown"),
        (nameof(probe.Codec), "Codec", probe.Codec ?? "-"),
        (nameof(probe.CodecDescription), "Codec description", probe.CodecDescription ?? "-"),
        (nameof(probe.SampleRate), "Sample rate", probe.SampleRate is { } rate ? $"{Number(rate)} Hz" : "-"),
        (nameof(probe.Channels), "Channels", probe.Channels is { } channels ? $"{channels} ({Describe.Channels(channels)})" : "-"),
        (nameof(probe.BitsPerSample), "Bits per sample", probe.BitsPerSample?.ToString(CultureInfo.InvariantCulture) ?? "-"),
        (nameof(probe.Bitrate), "Bitrate", probe.Bitrate is { } bitrate ? $"{Number(bitrate)} bit/s" : "-"),
        (nameof(probe.DurationSeconds), "Duration", probe.DurationSeconds is { } seconds
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.000} s") : "-"),
        (nameof(probe.AudioDataBytes), "Audio data", probe.AudioDataBytes is { } bytes ? $"{Number(bytes)} bytes" : "-"),
        (nameof(probe.AudioDataOffset), "Audio data offset", probe.AudioDataOffset is { } offset ? $"byte {Number(offset)}" : "-"),
        (nameof(probe.BigEndian), "Big-endian samples", probe.BigEndian ? "yes" : "no"),
        (nameof(probe.Diagnostics), "Problems", probe.Diagnostics.Count == 0 ? "none" : $"{probe.Diagnostics.Count} (listed below)"),
        ("Sha256", "SHA-256", sha256 ?? "-"),
    ];

    private static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
