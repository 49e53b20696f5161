using MediaCompiler.Audio;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.Gsm;

/// <summary>
/// Headerless GSM 06.10 as libgsm and Asterisk store it (".gsm", Asterisk's classic sound format): 33-byte frames, each
/// a 4-bit 0xD signature and 260 bits most significant first, 160 samples at 8 kHz. Only whole frames are decoded.
/// </summary>
internal static class RawGsmDecoder
{
    private const int FrameBytes = 33;
    private const int SignatureBits = 4;

    public static bool CanDecode(AudioProbeResult probe) => probe.Container is AudioContainer.Raw && probe.Codec == "gsm";

    public static DecodedAudio Read(byte[] file, AudioProbeResult probe)
    {
        if (!CanDecode(probe))
        {
            throw new InvalidDataException($"the codec '{probe.Codec ?? "unknown"}' is not headerless GSM 6.10");
        }

        int frames = file.Length / FrameBytes;
        var samples = new float[(long)frames * Gsm610.SamplesPerFrame];
        var decoder = new Gsm610();
        var frame = new short[Gsm610.SamplesPerFrame];
        for (int i = 0; i < frames; i++)
        {
            var bits = new GsmBitReader(file.AsSpan(i * FrameBytes, FrameBytes), mostSignificantFirst: true, firstBit: SignatureBits);
            decoder.DecodeFrame(ref bits, frame);
            for (int j = 0; j < frame.Length; j++)
            {
                samples[(i * Gsm610.SamplesPerFrame) + j] = frame[j] / 32768f;
            }
        }

        return new DecodedAudio(samples, probe.SampleRate ?? 8000);
    }
}
