using System.Buffers.Binary;
using MediaCompiler.Engine.Codecs;
using MediaCompiler.Engine.Wav;

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
            _ => Pcm16Wav(pcm, sampleRate),
        };
    }

    private static byte[] Pcm16Wav(ReadOnlySpan<short> pcm, int sampleRate)
    {
        const int headerSize = 44;
        var dataBytes = pcm.Length * 2;
        var file = new byte[headerSize + dataBytes];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // WAVE_FORMAT_PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < pcm.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(headerSize + (2 * i))..], pcm[i]);
        }

        return file;
    }
}
