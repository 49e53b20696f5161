using System.Buffers.Binary;
using MediaCompiler.Codecs.Encodings;

namespace MediaCompiler.Codecs.Wav;

/// <summary>
/// Writes mono 16-bit PCM as the canonical RIFF/WAVE a prompt should be: fmt and data only, exact sizes. No LIST or
/// other chunks, so the same samples always give the same bytes (and the same content hash): `ivr-media fix` relies on
/// that to be idempotent, and the Genesys upload conversion for the hash it keeps in the resource's tags.
/// </summary>
public static class Pcm16WavWriter
{
    private const int HeaderBytes = 44;

    /// <param name="samples">Mono samples, full scale 1.0; converted as the engine converts everywhere (<see cref="Pcm16"/>).</param>
    public static byte[] Write(ReadOnlySpan<float> samples, int sampleRate) => Write(Pcm16.FromFloats(samples), sampleRate);

    public static byte[] Write(ReadOnlySpan<short> pcm, int sampleRate)
    {
        var dataBytes = pcm.Length * 2;
        var file = new byte[HeaderBytes + dataBytes];
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
            BinaryPrimitives.WriteInt16LittleEndian(span[(HeaderBytes + (2 * i))..], pcm[i]);
        }

        return file;
    }
}
