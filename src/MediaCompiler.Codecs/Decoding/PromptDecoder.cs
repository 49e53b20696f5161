using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;
using MediaCompiler.Codecs.Decoding.Aac;
using MediaCompiler.Codecs.Decoding.Adpcm;
using MediaCompiler.Codecs.Decoding.Alac;
using MediaCompiler.Codecs.Decoding.Flac;
using MediaCompiler.Codecs.Decoding.Gsm;
using MediaCompiler.Codecs.Decoding.G722;
using MediaCompiler.Codecs.Decoding.Mp3;
using MediaCompiler.Codecs.Decoding.Mp4;
using MediaCompiler.Codecs.Decoding.Opus;
using MediaCompiler.Codecs.Decoding.Vorbis;
using MediaCompiler.Codecs.Decoding.WebM;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding;

/// <summary>
/// The engine's in-process decoding, for the engine, the CLI and the build alike: picks the decoder the probe's
/// container and codec call for and returns mono samples at the file's own rate, or a coded rejection. No external
/// program is run here (the ffmpeg fallback for AAC lives in <see cref="EngineDecoder"/> and only there).
/// </summary>
public static class PromptDecoder
{
    private static readonly IManagedDecoder Mp3 = new Mp3Decoder();
    private static readonly IManagedDecoder Mp2 = new MpegLayerIIDecoder(layer: 2);
    private static readonly IManagedDecoder Mp1 = new MpegLayerIIDecoder(layer: 1);
    private static readonly IManagedDecoder Vorbis = new VorbisDecoder();
    private static readonly IManagedDecoder Opus = new OggOpusDecoder();
    private static readonly IManagedDecoder Aac = new AdtsManagedDecoder();
    private static readonly IManagedDecoder Mp4Aac = new Mp4AacDecoder();
    private static readonly IManagedDecoder Mp4Alac = new Mp4AlacDecoder();
    private static readonly IManagedDecoder CafAlac = new CafAlacDecoder();
    private static readonly IManagedDecoder Flac = new FlacDecoder();
    private static readonly IManagedDecoder OggFlac = new OggFlacDecoder();
    private static readonly IManagedDecoder WebmOpus = new WebmOpusDecoder();
    private static readonly IManagedDecoder Mp4Mp3 = new Mp4Mp3Decoder();

    /// <summary>True when <see cref="Decode"/> has an in-process decoder for what the probe found.</summary>
    public static bool CanDecode(AudioProbeResult probe) => WavReader(probe) is not null || MpegWavDecoder.CanDecode(probe) || Choose(probe) is not null;

    public static DecodeResult Decode(byte[] content, string fileName, AudioProbeResult probe, CancellationToken cancellationToken = default)
    {
        // A header the probe refused (damaged, implausible) never sizes decode work: its verdict is the answer.
        if (probe.Diagnostics.FirstOrDefault(d => d.IsError) is { } refused)
        {
            return DecodeResult.Failure(refused);
        }

        if (WavReader(probe) is { } read)
        {
            return DecodeWav(fileName, () => read(content, probe));
        }

        if (MpegWavDecoder.CanDecode(probe))
        {
            return MpegWavDecoder.Decode(content, fileName, probe, cancellationToken);
        }

        if (probe.Container == AudioContainer.Ogg && MediaCompiler.Codecs.Decoding.Opus.OggPacketReader.SecondLinkAt(content) is { } link)
        {
            // The probe sees a chain only where the last page's serial differs; files joined with cat often share one.
            return DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.OggStreamsSeveral, fileName, fileName,
                $"streams one after another (a chained Ogg file, e.g. files joined with cat; the second begins at byte {link:N0})",
                ShellText.InDoubleQuotes(Path.GetFileNameWithoutExtension(fileName) + "-fixed.wav")));
        }

        if (Choose(probe) is { } decoder)
        {
            return decoder.Decode(content, fileName, cancellationToken);
        }

        return DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.DecodeFormatNotDecodable, fileName, fileName, FormatName(probe, fileName), WhyNot(probe)));
    }

    /// <summary>
    /// True for AAC in an ADIF container (the in-process AAC decoder reads ADTS streams and MP4/M4A tracks) and for
    /// Ogg Vorbis of more than two channels (NVorbis, the in-process Vorbis decoder, turns libvorbis's surround
    /// streams into noise: measured on 4, 5.1 and 7.1 files at 44.1 and 48 kHz). They go to ffmpeg when one is
    /// installed, reported as the fallback it is.
    /// </summary>
    internal static bool NeedsExternalDecoder(AudioProbeResult probe) =>
        (probe.Codec == "aac" && probe.Container is AudioContainer.Adif) || IsSurroundVorbis(probe);

    private static bool IsSurroundVorbis(AudioProbeResult probe) => probe.Codec == "vorbis" && probe.Channels > 2;

    /// <summary>How a message names the format: the codec the probe found, else the file's extension.</summary>
    public static string FormatName(AudioProbeResult probe, string fileName)
    {
        if (!string.IsNullOrEmpty(probe.Codec) && !probe.Codec.StartsWith("unknown", StringComparison.Ordinal))
        {
            return probe.Codec;
        }

        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        return extension.Length == 0 ? probe.Container.ToString().ToLowerInvariant() : extension;
    }

    /// <summary>The reader of a WAV's samples for its codec (PCM and G.711, ADPCM, GSM 6.10, G.722; also AIFF, CAF, AU and headerless samples), or null for none.</summary>
    private static Func<byte[], AudioProbeResult, DecodedAudio>? WavReader(AudioProbeResult probe) =>
        WavSampleReader.CanDecode(probe) ? (file, p) => WavSampleReader.Read(file, p)
        : AdpcmWavDecoder.CanDecode(probe) ? AdpcmWavDecoder.Read
        : GsmWavDecoder.CanDecode(probe) ? GsmWavDecoder.Read
        : G722WavDecoder.CanDecode(probe) ? G722WavDecoder.Read
        : RawGsmDecoder.CanDecode(probe) ? RawGsmDecoder.Read
        : null;

    private static IManagedDecoder? Choose(AudioProbeResult probe) => (probe.Container, probe.Codec) switch
    {
        (AudioContainer.Mp3, "mp3") => Mp3,
        (AudioContainer.Mp3, "mp2") => Mp2,
        (AudioContainer.Mp3, "mp1") => Mp1,
        (AudioContainer.Ogg, "vorbis") when !IsSurroundVorbis(probe) => Vorbis,
        (AudioContainer.Ogg, "opus") => Opus,
        (AudioContainer.Adts, "aac") => Aac,
        (AudioContainer.Mp4, "aac") => Mp4Aac,
        (AudioContainer.Mp4, "mp3") => Mp4Mp3,
        (AudioContainer.Mp4, "alac") => Mp4Alac,
        (AudioContainer.Caf, "alac") => CafAlac,
        (AudioContainer.Flac, "flac") => Flac,
        (AudioContainer.Ogg, "flac") => OggFlac,
        (AudioContainer.WebM, "opus") => WebmOpus,
        _ => null,
    };

    private static string WhyNot(AudioProbeResult probe) =>
        IsSurroundVorbis(probe) ? VorbisDecoder.SurroundRefusal(probe.Channels!.Value, "; ffmpeg is not used here")
        : NeedsExternalDecoder(probe) ? " in this container (the in-process AAC decoder reads ADTS streams and MP4/M4A; ffmpeg is not used here)"
        : string.Empty;

    private static DecodeResult DecodeWav(string fileName, Func<DecodedAudio> read)
    {
        try
        {
            return DecodeResult.Success(read());
        }
        catch (InvalidDataException e)
        {
            return DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.EngineDecodeFailed, fileName, fileName, e.Message));
        }
    }
}
