using System.Buffers.Binary;

namespace MediaCompiler.Pipeline.Genesys;

/// <summary>
/// Writes mono 16-bit PCM RIFF/WAVE: the one format every Genesys transcoder takes. No LIST or other chunks, so the
/// same samples always give the same bytes, and therefore the same content hash in the resource's tags.
/// </summary>
internal static class Pcm16Wav
{
    private const int HeaderBytes = 44;

    public static byte[] Write(ReadOnlySpan<float> samples, int sampleRate)
    {
        var dataBytes = samples.Length * 2;
        var file = new byte[HeaderBytes + dataBytes];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < samples.Length; i++)
        {
            // Round to nearest and clip: the decoders give [-1, 1] floats, a resampler's ringing may overshoot slightly.
            var value = Math.Clamp(MathF.Round(samples[i] * 32767f), short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(span[(HeaderBytes + (i * 2))..], (short)value);
        }
        return file;
    }
}
