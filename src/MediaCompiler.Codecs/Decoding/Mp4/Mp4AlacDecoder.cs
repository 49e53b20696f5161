using MediaCompiler.Codecs.Decoding.Alac;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.Mp4;

/// <summary>
/// Apple Lossless (ALAC) in MP4/M4A, in-process: the first sound track's sample table gives the packets, its 'alac'
/// box the configuration, and <see cref="AlacFrameDecoder"/> decodes them exactly, each mixed to mono as it comes
/// (<see cref="AlacMonoMix"/>, capped at <see cref="MaxDurationSeconds"/> of output). An edit list, if
/// the file has one, trims the start and the length as for AAC (ALAC has no priming; encoders rarely write one).
/// </summary>
internal sealed class Mp4AlacDecoder : IManagedDecoder
{
    private const int MaxDurationSeconds = 600;

    public string FormatName => "ALAC (MP4)";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            var boxes = new Mp4Boxes(content);
            var track = Mp4AudioTrack.Find(boxes);
            if (track.SampleEntry != "alac")
            {
                return DecoderFailure.Damaged(fileName, FormatName, $"its sound track is '{track.SampleEntry}', not Apple Lossless");
            }

            var config = AlacConfig.Parse(track.DecoderConfig);
            var sampleRate = config.SampleRate > 0 ? config.SampleRate : (int)Math.Min(track.MediaTimescale, int.MaxValue);
            var maxOutput = (long)MaxDurationSeconds * sampleRate;
            var maxPackets = (int)Math.Min(int.MaxValue, (maxOutput / config.FrameLength) + 1);
            var mediaData = boxes.MediaData();
            var packets = Mp4SampleTable.Read(boxes, track, maxPackets, mediaData);
            return DecodePackets(content, fileName, track, config, sampleRate, packets, cancellationToken);
        }
        catch (Mp4DamageException damage)
        {
            return DecoderFailure.Damaged(fileName, FormatName, damage.Message);
        }
        catch (AlacDamageException damage)
        {
            return DecoderFailure.Damaged(fileName, FormatName, damage.Message);
        }
        catch (Mp4DurationException tooLong)
        {
            return TooLong(fileName, $"its index lists {tooLong.Samples} packets");
        }
    }

    private DecodeResult DecodePackets(
        byte[] content, string fileName, Mp4AudioTrack track, AlacConfig config, int sampleRate, Mp4SampleTable packets, CancellationToken cancellationToken)
    {
        var mix = new AlacMonoMix(config, (long)MaxDurationSeconds * sampleRate, packets.Count);
        for (var i = 0; i < packets.Count; i++)
        {
            if (i % 64 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            try
            {
                if (!mix.Append(content, (int)packets.Offsets[i], packets.Sizes[i]))
                {
                    return TooLong(fileName, $"packet {i}");
                }
            }
            catch (AlacDamageException damage)
            {
                return DecoderFailure.Damaged(fileName, FormatName, $"packet {i} (byte offset {packets.Offsets[i]}) cannot be decoded: {damage.Message}");
            }
        }

        var mono = mix.Mono;
        var (skip, end, problem) = track.Kept(mono.Count, packets.DurationTicks, sampleRate);
        if (problem is not null)
        {
            return DecoderFailure.Damaged(fileName, FormatName, problem);
        }

        var kept = mono.GetRange((int)skip, (int)(end - skip)).ToArray();
        return DecodeResult.Success(new DecodedAudio(kept, sampleRate) { Clipping = mix.Clipping() });
    }

    private DecodeResult TooLong(string fileName, string where) =>
        DecoderFailure.Damaged(fileName, FormatName,
            $"it decodes to more than {MaxDurationSeconds} s of audio ({where}), the most the engine decodes from one prompt");
}
