using System.Buffers.Binary;
using System.Text;
using MediaCompiler.Engine.Codecs;

namespace MediaCompiler.Engine.Tests.Support;

/// <summary>The tests' own WAV writer and chunk reader, independent of the engine's and the probe's.</summary>
public static class TestWav
{
    public enum Encoding
    {
        Pcm16 = 1,
        ALaw = 6,
        MuLaw = 7,
    }

    public static byte[] Write(ReadOnlySpan<float> samples, int sampleRate, Encoding encoding)
    {
        byte[] data = encoding switch
        {
            Encoding.Pcm16 => Pcm16Bytes(samples),
            Encoding.MuLaw => G711.Encode(Pcm16.FromFloats(samples), G711Law.MuLaw),
            _ => G711.Encode(Pcm16.FromFloats(samples), G711Law.ALaw),
        };
        int bytesPerSample = encoding == Encoding.Pcm16 ? 2 : 1;
        bool pcm = encoding == Encoding.Pcm16;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(0); // patched below
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(pcm ? 16 : 18);
        writer.Write((ushort)encoding);
        writer.Write((ushort)1);
        writer.Write(sampleRate);
        writer.Write(sampleRate * bytesPerSample);
        writer.Write((ushort)bytesPerSample);
        writer.Write((ushort)(bytesPerSample * 8));
        if (!pcm)
        {
            writer.Write((ushort)0);
            writer.Write("fact"u8);
            writer.Write(4);
            writer.Write(samples.Length);
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

    private static byte[] Pcm16Bytes(ReadOnlySpan<float> samples)
    {
        var data = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(2 * i), Pcm16.FromFloat(samples[i]));
        }

        return data;
    }

    public sealed record Chunk(string Id, int Offset, int Size);

    public sealed record Parsed(IReadOnlyList<Chunk> Chunks, int FormatTag, int Channels, int SampleRate, int ByteRate, int BlockAlign, int BitsPerSample, byte[] Data, byte[] File)
    {
        public byte[] Body(string id)
        {
            var chunk = Chunks.Single(c => c.Id == id);
            return File.AsSpan(chunk.Offset, chunk.Size).ToArray();
        }
    }

    /// <summary>Walks the RIFF chunks of a WAV file, checking sizes as it goes.</summary>
    public static Parsed Parse(byte[] file)
    {
        Assert.Equal("RIFF", Ascii(file, 0));
        Assert.Equal("WAVE", Ascii(file, 8));
        Assert.Equal(file.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(4)));
        var chunks = new List<Chunk>();
        int at = 12;
        while (at + 8 <= file.Length)
        {
            var id = Ascii(file, at);
            int size = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at + 4));
            Assert.True(at + 8 + size <= file.Length, $"chunk '{id}' overruns the file");
            chunks.Add(new Chunk(id, at + 8, size));
            at += 8 + size + (size % 2);
        }

        Assert.Equal(file.Length, at);
        var fmt = chunks.Single(c => c.Id == "fmt ");
        var f = file.AsSpan(fmt.Offset);
        var data = chunks.Single(c => c.Id == "data");
        return new Parsed(
            chunks,
            BinaryPrimitives.ReadUInt16LittleEndian(f),
            BinaryPrimitives.ReadUInt16LittleEndian(f[2..]),
            BinaryPrimitives.ReadInt32LittleEndian(f[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(f[8..]),
            BinaryPrimitives.ReadUInt16LittleEndian(f[12..]),
            BinaryPrimitives.ReadUInt16LittleEndian(f[14..]),
            file.AsSpan(data.Offset, data.Size).ToArray(),
            file);
    }

    private static string Ascii(byte[] file, int at) => System.Text.Encoding.ASCII.GetString(file, at, 4);
}
