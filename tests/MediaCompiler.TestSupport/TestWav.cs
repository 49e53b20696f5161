using System.Buffers.Binary;
using System.Text;
using MediaCompiler.TestSupport;

namespace MediaCompiler.TestSupport;

/// <summary>The tests' WAV writer (the shared one) and chunk reader, independent of the engine's and the probe's.</summary>
public static class TestWav
{
    public enum Encoding
    {
        Pcm16 = 1,
        ALaw = 6,
        MuLaw = 7,
    }

    /// <summary>Delegates to the shared <see cref="WavWriter"/>: G.711 is encoded by NAudio, never by the engine under test.</summary>
    public static byte[] Write(ReadOnlySpan<float> samples, int sampleRate, Encoding encoding) => encoding switch
    {
        Encoding.Pcm16 => WavWriter.Pcm16(samples, sampleRate),
        Encoding.MuLaw => WavWriter.G711(samples, sampleRate, muLaw: true),
        _ => WavWriter.G711(samples, sampleRate, muLaw: false),
    };

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
