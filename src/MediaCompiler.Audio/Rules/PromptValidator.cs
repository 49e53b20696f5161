using System.Globalization;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Rules;

/// <summary>
/// Applies the media engine's rules (MediaRules) to a probed prompt. Shared by the build task, the engine's upload
/// check and the CLI, so that all three answer the same question the same way.
/// Every rule is checked on its own, so a file gets one diagnostic per broken rule rather than only the first.
/// </summary>
public static class PromptValidator
{
    /// <summary>Probes and validates the file at <paramref name="path"/>. Never throws.</summary>
    public static PromptValidation Validate(string path) => Validate(AudioProbe.Probe(path));

    /// <summary>Probes and validates uploaded content; <paramref name="fileName"/> supplies the extension.</summary>
    public static PromptValidation Validate(Stream content, string fileName) => Validate(AudioProbe.Probe(content, fileName));

    /// <summary>Validates an existing probe result (its Path supplies the name and extension).</summary>
    public static PromptValidation Validate(AudioProbeResult probe)
    {
        var file = probe.Path;
        var extension = MediaRules.ExtensionOf(file);
        var diagnostics = new List<Diagnostic>();
        void Add(Diagnostic? diagnostic)
        {
            if (diagnostic is not null)
            {
                diagnostics.Add(diagnostic);
            }
        }

        Add(CheckExtension(probe, file, extension));
        Add(CheckSize(probe, file));
        diagnostics.AddRange(probe.Diagnostics);
        if (probe.Container == AudioContainer.Unknown)
        {
            return new PromptValidation(probe, diagnostics); // Nothing was measured, so no rule about content applies.
        }

        Add(CheckContentMatchesExtension(probe, file, extension));
        Add(CheckSampleRate(probe, file, extension));
        Add(CheckMono(probe, file, extension));
        Add(CheckWavEncoding(probe, file));
        Add(CheckMpegLayer(probe, file));
        Add(CheckBitrate(probe, file));
        Add(CheckOggCodec(probe, file));
        Add(CheckRateHint(probe, file));
        return new PromptValidation(probe, diagnostics);
    }

    private static Diagnostic? CheckExtension(AudioProbeResult probe, string file, string extension)
    {
        if (MediaRules.AllowedExtensions.Contains(extension))
        {
            return null;
        }

        var shown = extension.Length == 0 ? "(none)" : "." + extension;
        var target = ShellText.InDoubleQuotes(System.IO.Path.GetFileNameWithoutExtension(file) + ".wav"); // quoted in a command
        // The rate fix would choose: a wideband source stays wideband.
        return Create(DiagnosticCatalog.PromptExtensionUnsupported, file, shown, ".wav, .mp3, .aac or .ogg", target, MediaRules.SuggestedSampleRate(probe.SampleRate));
    }

    private static Diagnostic? CheckSize(AudioProbeResult probe, string file) =>
        probe.SizeBytes > MediaRules.MaxFileSizeBytes
            ? Create(DiagnosticCatalog.PromptTooLarge, file, probe.SizeBytes, MediaRules.MaxFileSizeBytes, MediaRules.TooLargeFix(file, probe.DurationSeconds))
            : null;

    private static Diagnostic? CheckContentMatchesExtension(AudioProbeResult probe, string file, string extension)
    {
        var expected = ExtensionFor(probe.Container);
        if (!MediaRules.AllowedExtensions.Contains(extension) || expected == extension)
        {
            return null;
        }

        return Create(DiagnosticCatalog.AudioFormatMismatch, file, extension, DescribeContent(probe),
            MediaRules.ConversionCommand(file, extension, probe.SampleRate));
    }

    private static Diagnostic? CheckSampleRate(AudioProbeResult probe, string file, string extension) =>
        probe.SampleRate is { } rate && !MediaRules.IsAllowedSampleRate(rate)
            ? Create(DiagnosticCatalog.PromptSampleRateUnsupported, file, rate, "8000 or 16000",
                MediaRules.ConversionCommand(file, TargetExtension(probe, extension), rate), RateNote(probe))
            : null;

    /// <summary>
    /// Opus decodes at 48 kHz whatever its source, so the rule judges OpusHead's input rate (the rate the audio was
    /// made at) and says so, lest "48000 Hz" from a player contradict the message.
    /// </summary>
    private static string RateNote(AudioProbeResult probe) => probe.DecodedSampleRate is { } decoded
        ? $" (the OpusHead input rate, which this rule judges; the stream decodes at {decoded} Hz as every Opus stream does)"
        : string.Empty;

    private static Diagnostic? CheckMono(AudioProbeResult probe, string file, string extension) =>
        probe.Channels is { } channels && channels != MediaRules.RequiredChannels
            ? Create(DiagnosticCatalog.PromptNotMono, file, channels,
                MediaRules.ConversionCommand(file, TargetExtension(probe, extension), probe.SampleRate))
            : null;

    private static Diagnostic? CheckWavEncoding(AudioProbeResult probe, string file)
    {
        // No codec means no usable fmt chunk, which the probe has already reported.
        if (!IsWav(probe.Container) || probe.Codec is null || MediaRules.IsAllowedWavEncoding(probe.Codec, probe.BitsPerSample))
        {
            return null;
        }

        var encoding = probe.CodecDescription ?? probe.Codec ?? "an unknown encoding";
        return Create(DiagnosticCatalog.PromptWavEncodingUnsupported, file, encoding,
            "16-bit linear PCM, 8-bit mu-law or 8-bit A-law", MediaRules.ConversionCommand(file, "wav", probe.SampleRate));
    }

    private static Diagnostic? CheckMpegLayer(AudioProbeResult probe, string file) =>
        probe.Container == AudioContainer.Mp3 && probe.Codec != "mp3"
            ? Create(DiagnosticCatalog.PromptMpegLayerUnsupported, file, probe.CodecDescription,
                MediaRules.ConversionCommand(file, "mp3", probe.SampleRate))
            : null;

    private static Diagnostic? CheckBitrate(AudioProbeResult probe, string file)
    {
        var kind = probe.Container switch
        {
            AudioContainer.Mp3 when probe.Codec == "mp3" => "mp3",
            AudioContainer.Adts => "aac",
            _ => null,
        };
        if (kind is null || probe.Bitrate is not { } bitrate || MediaRules.IsBitrateInRange(bitrate))
        {
            return null;
        }

        return Create(DiagnosticCatalog.PromptBitrateOutOfRange, file, Kbps(bitrate), kind.ToUpperInvariant(),
            Kbps(MediaRules.MinCompressedBitrate), Kbps(MediaRules.MaxCompressedBitrate),
            MediaRules.ConversionCommand(file, kind, probe.SampleRate));
    }

    private static Diagnostic? CheckOggCodec(AudioProbeResult probe, string file) =>
        probe.Container == AudioContainer.Ogg && !MediaRules.AllowedOggCodecs.Contains(probe.Codec ?? "")
            ? Create(DiagnosticCatalog.PromptOggCodecUnsupported, file, probe.CodecDescription ?? "no recognisable codec",
                MediaRules.ConversionCommand(file, "ogg", probe.SampleRate))
            : null;

    private static Diagnostic? CheckRateHint(AudioProbeResult probe, string file) =>
        probe.SampleRate is { } rate && SampleRateHint.Parse(file) is { } hinted && hinted != rate
            ? Create(DiagnosticCatalog.PromptRateHintMismatch, file, hinted, rate)
            : null;

    private static Diagnostic Create(DiagnosticDescriptor descriptor, string file, params object?[] args) =>
        Diagnostic.Create(descriptor, file, [file, .. args]);

    private static bool IsWav(AudioContainer container) =>
        container is AudioContainer.Wav or AudioContainer.Rifx or AudioContainer.Rf64;

    /// <summary>The extension whose content this container is, or null for containers no prompt may be.</summary>
    private static string? ExtensionFor(AudioContainer container) => container switch
    {
        AudioContainer.Wav or AudioContainer.Rifx or AudioContainer.Rf64 => "wav",
        AudioContainer.Mp3 => "mp3",
        AudioContainer.Adts => "aac",
        AudioContainer.Ogg => "ogg",
        _ => null,
    };

    /// <summary>The format a fix should produce: what the name asks for when allowed, else what the content is, else WAV.</summary>
    private static string TargetExtension(AudioProbeResult probe, string extension) =>
        MediaRules.AllowedExtensions.Contains(extension) ? extension : ExtensionFor(probe.Container) ?? "wav";

    private static string DescribeContent(AudioProbeResult probe) => probe.Container switch
    {
        AudioContainer.Wav => $"WAV ({probe.CodecDescription ?? "unknown encoding"})",
        AudioContainer.Rifx => "RIFX (big-endian WAV)",
        AudioContainer.Rf64 => "RF64 (64-bit WAV)",
        AudioContainer.Mp3 => probe.Codec == "mp3" ? "MP3" : $"MPEG audio ({probe.CodecDescription})",
        AudioContainer.Adts => "AAC (ADTS)",
        AudioContainer.Adif => "AAC (ADIF)",
        AudioContainer.Mp4 => probe.CodecDescription ?? "an MP4 container",
        AudioContainer.WebM => probe.CodecDescription ?? "a WebM container",
        AudioContainer.Aiff => probe.CodecDescription ?? "an AIFF file",
        AudioContainer.Caf => probe.CodecDescription ?? "a CAF file",
        AudioContainer.Au => probe.CodecDescription ?? "a Sun/NeXT AU file",
        AudioContainer.Raw => probe.CodecDescription ?? "headerless audio",
        AudioContainer.Ogg => $"Ogg {probe.CodecDescription ?? "(unknown codec)"}",
        AudioContainer.Flac => "FLAC",
        _ => "unknown",
    };

    private static string Kbps(long bitsPerSecond) =>
        (bitsPerSecond / 1000.0).ToString("0.#", CultureInfo.InvariantCulture);
}
