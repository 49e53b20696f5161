using MediaCompiler.Audio;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.Gsm;

/// <summary>
/// GSM 06.10 in a WAV (WAVE_FORMAT_GSM610, 0x0031, "WAV49"): blocks of 65 bytes, each two 260-bit frames packed least
/// significant bit first, 320 samples at 8 kHz. Voicemail and older IVR systems stored prompts this way. Only whole
/// blocks are decoded (a block cut short holds no complete pair of frames to decode as the format defines).
/// </summary>
internal static class GsmWavDecoder
{
    private const int BlockBytes = 65;
    private const int SamplesPerBlock = 2 * Gsm610.SamplesPerFrame;

    public static bool CanDecode(AudioProbeResult probe) => probe.Container is AudioContainer.Wav && probe.Codec == "gsm_ms";

    /// <summary>Decodes every whole block. Throws <see cref="InvalidDataException"/> when the header is not GSM 6.10 mono.</summary>
    public static DecodedAudio Read(byte[] file, AudioProbeResult probe)
    {
        if (!CanDecode(probe))
        {
            throw new InvalidDataException($"the WAV codec '{probe.Codec ?? "unknown"}' is not GSM 6.10");
        }

        var payload = MonoWavPayload.Locate(file, probe, "GSM 6.10");
        var data = file.AsSpan(payload.Offset, payload.Length);
        int blocks = data.Length / BlockBytes;
        var samples = new float[(long)blocks * SamplesPerBlock];
        var decoder = new Gsm610();
        var frame = new short[Gsm610.SamplesPerFrame];
        int written = 0;
        for (int block = 0; block < blocks; block++)
        {
            var bits = new GsmBitReader(data.Slice(block * BlockBytes, BlockBytes));
            for (int half = 0; half < 2; half++)
            {
                decoder.DecodeFrame(ref bits, frame);
                foreach (var sample in frame)
                {
                    samples[written++] = sample / 32768f;
                }
            }
        }

        return new DecodedAudio(samples, payload.SampleRate);
    }
}
