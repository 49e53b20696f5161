using MediaCompiler.Codecs.Wav;
using NVorbis;

namespace MediaCompiler.Codecs.Decoding.Vorbis;

/// <summary>Decodes Ogg Vorbis with NVorbis (managed); NVorbis already honours the granule positions of the stream.</summary>
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

        return DecodeResult.Success(new DecodedAudio([.. mono], sampleRate));
    }
}
