using MediaCompiler.Audio;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.G722;

/// <summary>
/// G.722 in a WAV (0x028F, or 0x0065), or headerless as Asterisk stores it (.g722): the wideband telephony codec of HD-voice phones and conferencing systems, one
/// byte per pair of samples. Decoded in the 64 kbit/s mode, as ffmpeg does for any WAV (the recommendation's 56 and
/// 48 kbit/s modes differ only in ignoring the low bits, which a WAV header does not announce), at the header's rate.
/// </summary>
internal static class G722WavDecoder
{
    public static bool CanDecode(AudioProbeResult probe) => probe.Container is AudioContainer.Wav or AudioContainer.Raw && probe.Codec == "g722";

    /// <summary>Decodes every byte of the data chunk. Throws <see cref="InvalidDataException"/> when the header is not G.722 mono.</summary>
    public static DecodedAudio Read(byte[] file, AudioProbeResult probe)
    {
        if (!CanDecode(probe))
        {
            throw new InvalidDataException($"the WAV codec '{probe.Codec ?? "unknown"}' is not G.722");
        }

        var payload = MonoWavPayload.Locate(file, probe, "G.722");
        var data = file.AsSpan(payload.Offset, payload.Length);
        var samples = new float[2L * data.Length];
        var decoder = new G722();
        for (int i = 0; i < data.Length; i++)
        {
            var (first, second) = decoder.Decode(data[i]);
            samples[2 * i] = first / 32768f;
            samples[(2 * i) + 1] = second / 32768f;
        }

        return new DecodedAudio(samples, payload.SampleRate);
    }
}
