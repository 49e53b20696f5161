namespace MediaCompiler.Audio.Probing;

/// <summary>
/// Headerless audio named by its extension, as Asterisk and FreePBX store their sound files (a migrating IVR's prompt
/// library): .ulaw/.ul/.mu/.pcm (8 kHz mu-law), .alaw/.al (8 kHz A-law), .sln (8 kHz 16-bit little-endian PCM) and
/// .sln12 to .sln192 at the rate their name gives, .g722 (16 kHz G.722) and .gsm (GSM 06.10 frames). With no header, the name is the only
/// description; such a file is read only when no magic bytes say it is something else. No prompt may be one, but each
/// is decoded in-process, so fix converts it.
/// </summary>
internal static class RawProbe
{
    private sealed record RawFormat(string Codec, int SampleRate, int BytesPerSecond, string Description);

    public static bool Recognises(string fileName) => FormatFor(fileName) is not null;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report)
    {
        var format = FormatFor(report.FileName)!;
        return new AudioProbeResult
        {
            Path = report.FileName,
            SizeBytes = source.Length,
            Container = AudioContainer.Raw,
            Codec = format.Codec,
            CodecDescription = $"headerless {format.Description} (named by its extension, as Asterisk stores sounds)",
            SampleRate = format.SampleRate,
            Channels = 1,
            BitsPerSample = format.Codec switch { "pcm_s16le" => 16, "mulaw" or "alaw" => 8, _ => null },
            Bitrate = format.BytesPerSecond * 8L,
            DurationSeconds = (double)source.Length / format.BytesPerSecond,
            AudioDataOffset = 0,
            AudioDataBytes = source.Length,
            Diagnostics = report.Diagnostics,
        };
    }

    private static RawFormat? FormatFor(string fileName)
    {
        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        return extension switch
        {
            "ulaw" or "ul" or "mu" or "pcm" => new RawFormat("mulaw", 8000, 8000, "8 kHz mu-law"),
            "alaw" or "al" => new RawFormat("alaw", 8000, 8000, "8 kHz A-law"),
            "sln" => Linear(8000),
            "sln12" => Linear(12000),
            "sln16" => Linear(16000),
            "sln24" => Linear(24000),
            "sln32" => Linear(32000),
            "sln44" => Linear(44100),
            "sln48" => Linear(48000),
            "sln96" => Linear(96000),
            "sln192" => Linear(192000),
            "g722" => new RawFormat("g722", 16000, 8000, "16 kHz G.722"),
            "gsm" => new RawFormat("gsm", 8000, 1650, "8 kHz GSM 06.10"),
            _ => null,
        };

        static RawFormat Linear(int rate) => new("pcm_s16le", rate, rate * 2, $"{rate / 1000.0:0.#} kHz 16-bit PCM");
    }
}
