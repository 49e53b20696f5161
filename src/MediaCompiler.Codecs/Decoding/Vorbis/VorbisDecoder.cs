using MediaCompiler.Codecs.Decoding.Opus;
using MediaCompiler.Codecs.Wav;
using NVorbis;

namespace MediaCompiler.Codecs.Decoding.Vorbis;

/// <summary>
/// Decodes Ogg Vorbis with NVorbis (managed), then cuts the end at the last page's granule position (Vorbis I
/// specification A.2): NVorbis 0.10.5 does not always do so itself (a 16 kHz stereo libvorbis file at q6 came out 64
/// samples longer than its source and than libvorbis' and ffmpeg's decodes).
/// </summary>
internal sealed class VorbisDecoder : IManagedDecoder
{
    private const int BlockFrames = 4096;

    public string FormatName => "Ogg Vorbis";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var mono = new List<float>();
        int sampleRate;
        try
        {
            using var reader = new VorbisReader(new MemoryStream(content, writable: false), closeOnDispose: true);
            int channels = reader.Channels;
            sampleRate = reader.SampleRate;
            if (channels < 1 || sampleRate < 1)
            {
                return DecoderFailure.Damaged(fileName, FormatName, $"its identification header gives {channels} channel(s) at {sampleRate} Hz");
            }

            var block = new float[BlockFrames * channels];
            int read;
            while ((read = reader.ReadSamples(block, 0, block.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ChannelMixer.AppendMono(block.AsSpan(0, read), channels, mono);
            }
        }
        catch (Exception e) when (DecoderFailure.IsInputFault(e))
        {
            return DecoderFailure.Damaged(fileName, FormatName, e.Message);
        }

        return DecodeResult.Success(new DecodedAudio(TrimToFinalGranule(mono, content), sampleRate));
    }

    /// <summary>
    /// The decoded samples, cut to the final granule position when that says the stream ends earlier. A stream whose
    /// granule positions start above zero (cut from a longer one) declares more than it holds and is left as decoded.
    /// </summary>
    private static float[] TrimToFinalGranule(List<float> mono, byte[] content)
    {
        // Pages were already read (and their CRCs checked) by NVorbis; a damaged tail that stops the packet reader
        // early leaves a smaller granule from an earlier page, which would cut real audio, so only a clean read is trusted.
        var (packets, error) = OggPacketReader.ReadPackets(content);
        var final = packets.LastOrDefault(p => p.EndsPage && p.PageGranule >= 0).PageGranule;
        return error is null && final > 0 && final < mono.Count ? mono.GetRange(0, (int)final).ToArray() : [.. mono];
    }
}
