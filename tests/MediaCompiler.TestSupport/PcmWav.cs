namespace MediaCompiler.TestSupport;

/// <summary>Minimal mono PCM WAV files (8-bit unsigned or 16-bit signed) built byte by byte for exactness tests.</summary>
public static class PcmWav
{
    public static byte[] Write16(short[] samples, int sampleRate)
    {
        var data = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            data[2 * i] = (byte)samples[i];
            data[(2 * i) + 1] = (byte)(samples[i] >> 8);
        }

        return Wrap(data, sampleRate, bitsPerSample: 16);
    }

    public static byte[] Write8(byte[] samples, int sampleRate) => Wrap(samples, sampleRate, bitsPerSample: 8);

    private static byte[] Wrap(byte[] data, int sampleRate, int bitsPerSample)
    {
        int blockAlign = bitsPerSample / 8;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + data.Length);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((ushort)1);
        writer.Write((ushort)1);
        writer.Write(sampleRate);
        writer.Write(sampleRate * blockAlign);
        writer.Write((ushort)blockAlign);
        writer.Write((ushort)bitsPerSample);
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        writer.Flush();
        return stream.ToArray();
    }
}
