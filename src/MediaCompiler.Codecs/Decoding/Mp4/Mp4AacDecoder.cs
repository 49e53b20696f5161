using MediaCompiler.Codecs.Decoding.Aac;
using MediaCompiler.Codecs.Wav;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Codecs.Decoding.Mp4;

/// <summary>
/// AAC-LC in MP4/M4A (ISO/IEC 14496-12 and -14), in-process: reads the first sound track's sample table and
/// AudioSpecificConfig, feeds each access unit (one raw_data_block, no ADTS header) to the same block decoder the ADTS
/// path uses, and trims the encoder's priming and padding as the file declares them (edit list, else iTunSMPB; the
/// sample table's total duration bounds the end). HE-AAC, signalled in the config or by SBR data in the stream, is
/// refused with IVR3143 and the same re-encode command as ADTS. A damaged file is IVR3120 saying what is wrong.
/// </summary>
internal sealed class Mp4AacDecoder : IManagedDecoder
{
    private const int SamplesPerBlock = 1024;
    private const int MaxDurationSeconds = 600;   // the ADTS decoder's cap: output is bounded, not only the input
    private const int MpegFourAudio = 0x40;

    public string FormatName => "AAC (MP4)";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var decoded = DecodeChannels(content, fileName, cancellationToken);
        if (decoded.Audio is not { } audio)
        {
            return DecodeResult.Failure(decoded.Error!);
        }

        var mono = new List<float>(audio.SamplesPerChannel);
        var clipping = ChannelMixer.ClippingTracker(audio.Channels);
        ChannelMixer.AppendMono(audio.Samples, audio.Channels, mono, clipping);
        return DecodeResult.Success(new DecodedAudio([.. mono], audio.SampleRate) { Clipping = clipping?.Finish() });
    }

    /// <summary>Decodes to interleaved channels at the stream's rate, priming and padding trimmed.</summary>
    public AacDecodeResult DecodeChannels(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            var boxes = new Mp4Boxes(content);
            var track = Mp4AudioTrack.Find(boxes);
            if (NotAac(track, fileName) is { } notAac)
            {
                return AacDecodeResult.Failure(notAac);
            }

            var config = AudioSpecificConfig.Parse(track.DecoderConfig);
            if (Refusal(config, fileName) is { } refusal)
            {
                return AacDecodeResult.Failure(refusal);
            }

            var maxSamples = (int)Math.Min(int.MaxValue, ((long)MaxDurationSeconds * config.SampleRate / SamplesPerBlock) + 1);
            var mediaData = boxes.MediaData();
            var samples = Mp4SampleTable.Read(boxes, track, maxSamples, mediaData);
            return DecodeSamples(content, fileName, track, config, samples, cancellationToken);
        }
        catch (Mp4DamageException damage)
        {
            return AacDecodeResult.Failure(DecoderFailure.Damaged(fileName, FormatName, damage.Message).Error!);
        }
        catch (Mp4DurationException tooLong)
        {
            return AacDecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.AacTooLong, fileName, fileName, MaxDurationSeconds,
                $"its index, which lists {tooLong.Samples} access units"));
        }
    }

    private AacDecodeResult DecodeSamples(
        byte[] content, string fileName, Mp4AudioTrack track, AudioSpecificConfig config, Mp4SampleTable samples, CancellationToken cancellationToken)
    {
        var channelCount = AdtsHeader.ChannelCount(config.ChannelConfiguration);
        var blockDecoder = new RawDataBlockDecoder(config.SampleRateIndex, channelCount, null);
        // Sized for the whole track, capped as the ADTS path caps it: a damaged file may stop long before its table ends.
        var output = new InterleavedBuffer(channelCount, (int)Math.Min((long)samples.Count * SamplesPerBlock * channelCount, 1 << 22));
        var block = new float[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            block[c] = new float[SamplesPerBlock];
        }

        for (var i = 0; i < samples.Count; i++)
        {
            if (i % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var reader = new AacBitReader(content, (int)samples.Offsets[i], samples.Sizes[i]);
            var problem = blockDecoder.Decode(reader, block);
            if (problem is not null)
            {
                return Damaged(fileName, $"access unit {i} (byte offset {samples.Offsets[i]}) cannot be decoded: {problem}");
            }

            if (blockDecoder.SbrSeen)
            {
                return AacDecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.AacHeAacUnsupported, fileName, fileName,
                    $"access unit {i} carries SBR (spectral band replication) data", config.SampleRate));
            }

            output.Append(block);
        }

        var decoded = (long)samples.Count * SamplesPerBlock;
        var (skip, end, trimProblem) = track.Kept(decoded, samples.DurationTicks, config.SampleRate);
        if (trimProblem is not null)
        {
            return Damaged(fileName, trimProblem);
        }

        var kept = output.ToArray().AsSpan((int)(skip * channelCount), (int)((end - skip) * channelCount)).ToArray();
        return AacDecodeResult.Success(new AacAudio(config.SampleRate, channelCount, kept, samples.Count, SbrIgnored: false));
    }

    /// <summary>An 'mp4a' entry may hold other MPEG audio (object type indication 0x69/0x6B: MP3): not AAC, not damage.</summary>
    private static Diagnostic? NotAac(Mp4AudioTrack track, string fileName) =>
        track.SampleEntry == "mp4a" && track.ObjectTypeIndication is MpegFourAudio or 0x66 or 0x67 or 0x68
            ? null
            : Diagnostic.Create(DiagnosticCatalog.DecodeFormatNotDecodable, fileName, fileName,
                track.SampleEntry == "mp4a" ? $"MP4 'mp4a' with object type indication 0x{track.ObjectTypeIndication:X2} (not AAC)" : $"MP4 '{track.SampleEntry}' (not AAC)",
                string.Empty);

    /// <summary>Why the AAC-LC decoder must refuse this configuration, with the ADTS path's codes; null when it decodes it.</summary>
    private static Diagnostic? Refusal(AudioSpecificConfig config, string fileName) => config switch
    {
        { HeAac: { } how } => Diagnostic.Create(DiagnosticCatalog.AacHeAacUnsupported, fileName, fileName, how, config.SampleRate),
        { ObjectType: not AudioSpecificConfig.LowComplexity } => Diagnostic.Create(DiagnosticCatalog.AacProfileUnsupported,
            fileName, fileName, config.ObjectTypeName, $"audio object type {config.ObjectType} in the MP4's AudioSpecificConfig"),
        { ShortFrames: true } => Diagnostic.Create(DiagnosticCatalog.AacProfileUnsupported,
            fileName, fileName, "LC with 960-sample frames", "frameLengthFlag set in the MP4's AudioSpecificConfig"),
        { ChannelConfiguration: 0 } => Diagnostic.Create(DiagnosticCatalog.AacChannelLayoutUnsupported, fileName, fileName,
            "channel configuration 0 in its AudioSpecificConfig",
            "the channel layout is given by a program config element, which this decoder does not map"),
        _ => null,
    };

    private AacDecodeResult Damaged(string fileName, string reason) =>
        AacDecodeResult.Failure(DecoderFailure.Damaged(fileName, FormatName, reason).Error!);
}
