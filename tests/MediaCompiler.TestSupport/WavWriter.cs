using System.Buffers.Binary;
using NAudio.Codecs;

namespace MediaCompiler.TestSupport;

/// <summary>
/// The tests' one WAV writer, independent of the code under test: PCM 16-bit, or G.711 encoded by NAudio's codecs
/// (never by ours, so an engine test cannot be fed the engine's own formula).
/// </summary>
public static class WavWriter
{
    public const int PcmTag = 1;
    public const int ALawTag = 6;
    public const int MuLawTag = 7;

    /// <summary>16-bit PCM; <paramref name="samples"/> interleaved when <paramref name="channels"/> is more than one.</summary>
    public static byte[] Pcm16(ReadOnlySpan<short> samples, int sampleRate, int channels = 1)
    {
        var data = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), samples[i]);
        }
        return Assemble(PcmTag, channels, sampleRate, 2, data, frames: null);
    }

    /// <summary>16-bit PCM from -1..1 floats (clipped), mono.</summary>
    public static byte[] Pcm16(ReadOnlySpan<float> samples, int sampleRate) => Pcm16(ToPcm16(samples), sampleRate);

    /// <summary>G.711 mono (mu-law or A-law) with a fact chunk, encoded by NAudio.</summary>
    public static byte[] G711(ReadOnlySpan<float> samples, int sampleRate, bool muLaw)
    {
        var pcm = ToPcm16(samples);
        var data = new byte[pcm.Length];
        for (var i = 0; i < pcm.Length; i++)
        {
            data[i] = muLaw ? MuLawEncoder.LinearToMuLawSample(pcm[i]) : ALawEncoder.LinearToALawSample(pcm[i]);
        }
        return Assemble(muLaw ? MuLawTag : ALawTag, 1, sampleRate, 1, data, frames: pcm.Length);
    }

    public static short[] ToPcm16(ReadOnlySpan<float> samples)
    {
        var pcm = new short[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            pcm[i] = (short)Math.Round(Math.Clamp(samples[i], -1f, 1f) * 32767);
        }
        return pcm;
    }

    private static byte[] Assemble(int formatTag, int channels, int sampleRate, int bytesPerSample, byte[] data, int? frames)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        var pcm = formatTag == PcmTag;
        writer.Write("RIFF"u8);
        writer.Write(0); // patched below
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(pcm ? 16 : 18);
        writer.Write((ushort)formatTag);
        writer.Write((ushort)channels);
        writer.Write(sampleRate);
        writer.Write(sampleRate * channels * bytesPerSample);
        writer.Write((ushort)(channels * bytesPerSample));
        writer.Write((ushort)(bytesPerSample * 8));
        if (!pcm)
        {
            writer.Write((ushort)0);
            writer.Write("fact"u8);
            writer.Write(4);
            writer.Write(frames ?? data.Length);
        }
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        if (data.Length % 2 == 1)
        {
            writer.Write((byte)0);
        }
        writer.Flush();
        var bytes = stream.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }

    /// <summary>
    /// The same WAV with the last <paramref name="bytes"/> of its data chunk dropped and the RIFF and data sizes shrunk
    /// to match: a recording whose last block was cut short, with a header that says so (not a truncated file).
    /// </summary>
    public static byte[] WithDataCutShort(byte[] file, int bytes)
    {
        int dataHeader = file.AsSpan().IndexOf("data"u8);
        int size = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(dataHeader + 4));
        var cut = file[..(dataHeader + 8 + size - bytes)];
        BinaryPrimitives.WriteInt32LittleEndian(cut.AsSpan(dataHeader + 4), size - bytes);
        BinaryPrimitives.WriteInt32LittleEndian(cut.AsSpan(4), cut.Length - 8);
        return cut;
    }
}
