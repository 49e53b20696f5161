using MediaCompiler.Codecs.Decoding.Mp3;

namespace MediaCompiler.Codecs.Decoding.Mp4;

/// <summary>
/// MP3 in MP4/M4A ('mp4a' with MPEG-1 or MPEG-2 audio's object type, as ffmpeg and some phone recorders write it): the
/// sample table's samples are whole MP3 frames, so laid end to end they are an MP3 stream, which the in-process MP3
/// decoder reads as it reads an .mp3 file. The edit list, when there is one, trims the result as for AAC.
/// </summary>
internal sealed class Mp4Mp3Decoder : IManagedDecoder
{
    /// <summary>The most samples (frames) read from the index: 600 s of 1,152-sample frames at 48 kHz, with room.</summary>
    private const int MaxFrames = 600 * 48_000 / 576;

    private static readonly Mp3Decoder Mp3 = new();

    public string FormatName => "MP3 (MP4)";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            var boxes = new Mp4Boxes(content);
            var track = Mp4AudioTrack.Find(boxes);
            var mediaData = boxes.MediaData();
            var frames = Mp4SampleTable.Read(boxes, track, MaxFrames, mediaData);
            var stream = new byte[frames.Sizes.Take(frames.Count).Sum(size => (long)size)];
            var at = 0;
            for (var i = 0; i < frames.Count; i++)
            {
                Buffer.BlockCopy(content, (int)frames.Offsets[i], stream, at, frames.Sizes[i]);
                at += frames.Sizes[i];
            }

            var decoded = Mp3.Decode(stream, fileName, cancellationToken);
            if (decoded.Audio is not { } audio)
            {
                return decoded;
            }

            var (skip, end, problem) = track.Kept(audio.Samples.Length, frames.DurationTicks, audio.SampleRate);
            return problem is not null
                ? DecoderFailure.Damaged(fileName, FormatName, problem)
                : decoded with { Audio = audio with { Samples = audio.Samples[(int)skip..(int)end] } };
        }
        catch (Mp4DamageException damage)
        {
            return DecoderFailure.Damaged(fileName, FormatName, damage.Message);
        }
        catch (Mp4DurationException tooLong)
        {
            return DecoderFailure.Damaged(fileName, FormatName, $"its index lists {tooLong.Samples} frames, more than the engine decodes from one prompt");
        }
    }
}
