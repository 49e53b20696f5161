using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Cli.Fixing;

/// <summary>Writes mono samples as the canonical WAV a prompt should be: RIFF, fmt, (fact,) data, exact sizes.</summary>
internal static class PromptWavWriter
{
    public static byte[] Write(ReadOnlySpan<float> samples, int sampleRate, PromptEncoding encoding)
    {
        var pcm = Pcm16.FromFloats(samples);
        return encoding switch
        {
            // The engine's own G.711 writer (8 kHz, with the fact chunk G.711 WAVs carry).
            PromptEncoding.MuLaw => G711WavWriter.Write(G711.Encode(pcm, G711Law.MuLaw), G711Law.MuLaw),
            PromptEncoding.ALaw => G711WavWriter.Write(G711.Encode(pcm, G711Law.ALaw), G711Law.ALaw),
            _ => Pcm16WavWriter.Write(pcm, sampleRate),
        };
    }
}
