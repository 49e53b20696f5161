using MediaCompiler.Codecs.Wav;
using NLayer;

namespace MediaCompiler.Codecs.Decoding.Mp3;

/// <summary>
/// Decodes MPEG Layer III with NLayer (managed), then trims what the encoder added: the LAME/Info header's encoder
/// delay plus the decoder's own 529-sample delay at the start, and the declared padding at the end, so that the result
/// has the length and alignment of the source signal (as ffmpeg and mpg123 give it).
/// </summary>
internal sealed class Mp3Decoder : IManagedDecoder
{
    private const int BlockFloats = 4608;

    public string FormatName => "MP3";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        if (LameGaplessInfo.Read(content) is not { } gapless)
        {
            return DecoderFailure.Damaged(fileName, FormatName, "no MPEG Layer III frame was found");
        }

        if (gapless.FirstAudioFrameOffset >= content.Length)
        {
            // A file cut inside its Info (LAME) frame: the tag promises audio the bytes do not hold.
            return DecoderFailure.Damaged(fileName, FormatName, "the file ends before its first audio frame");
        }

        var mono = new List<float>(EstimateSamples(content.Length, gapless));
        int channels;
        int sampleRate;
        try
        {
            // NLayer is handed the stream from the first audio frame: the Info frame would otherwise decode as a frame of silence.
            var stream = new MemoryStream(content, (int)gapless.FirstAudioFrameOffset, content.Length - (int)gapless.FirstAudioFrameOffset, writable: false);
            using var mpeg = new MpegFile(stream);
            channels = mpeg.Channels;
            sampleRate = mpeg.SampleRate;
            var block = new float[BlockFloats * channels];
            int read;
            while ((read = mpeg.ReadSamples(block, 0, block.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ChannelMixer.AppendMono(block.AsSpan(0, read), channels, mono);
            }
        }
        catch (Exception e) when (DecoderFailure.IsInputFault(e))
        {
            return DecoderFailure.Damaged(fileName, FormatName, e.Message);
        }

        return DecodeResult.Success(new DecodedAudio(Trim(mono, gapless), sampleRate));
    }

    /// <summary>Drops the leading delay and, when the frame count is declared, everything past the signal's end.</summary>
    private static float[] Trim(List<float> decoded, LameGaplessInfo gapless)
    {
        bool declared = gapless.EncoderDelay > 0 || gapless.Padding > 0;
        int skip = declared ? Math.Min(gapless.LeadingSamplesToSkip, decoded.Count) : 0;
        int available = decoded.Count - skip;
        int keep = declared && gapless.SignalSamples is { } signal ? (int)Math.Min(signal, available) : available;
        var samples = new float[keep];
        decoded.CopyTo(skip, samples, 0, keep);
        return samples;
    }

    private static int EstimateSamples(int bytes, LameGaplessInfo gapless) =>
        (int)Math.Min(1 << 22, (long)bytes * gapless.Frame.SampleRate / 4000); // about 32 kbit/s: a capacity hint, not a limit
}
