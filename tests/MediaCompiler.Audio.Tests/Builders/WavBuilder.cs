using System.Buffers.Binary;

namespace MediaCompiler.Audio.Tests.Builders;

/// <summary>Hand-built RIFF/RIFX/RF64 files: every chunk written explicitly, so a test controls order, sizes and padding.</summary>
public static class WavBuilder
{
    public static readonly byte[] PcmSubFormat = Convert.FromHexString("0100000000001000800000aa00389b71");
    public static readonly byte[] FloatSubFormat = Convert.FromHexString("0300000000001000800000aa00389b71");
    public static readonly byte[] AmbisonicSubFormat = Convert.FromHexString("0100000021070000d3118600c0004621");

    /// <summary>A chunk: id, size (the payload's unless <paramref name="declaredSize"/> says otherwise), payload, pad byte when odd.</summary>
    public static byte[] Chunk(string id, byte[] payload, bool bigEndian = false, uint? declaredSize = null)
    {
        var chunk = new byte[8 + payload.Length + (payload.Length & 1)];
        System.Text.Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        var size = declaredSize ?? (uint)payload.Length;
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4), size);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), size);
        }

        payload.CopyTo(chunk, 8);
        return chunk;
    }

    /// <summary>A 16-byte WAVEFORMAT(EX) payload with consistent block align and byte rate.</summary>
    public static byte[] Fmt(ushort tag, ushort channels, uint rate, ushort bits, bool bigEndian = false)
    {
        var align = (ushort)Math.Max(1, channels * bits / 8);
        var fmt = new byte[16];
        Write16(fmt, 0, tag, bigEndian);
        Write16(fmt, 2, channels, bigEndian);
        Write32(fmt, 4, rate, bigEndian);
        Write32(fmt, 8, rate * align, bigEndian);
        Write16(fmt, 12, align, bigEndian);
        Write16(fmt, 14, bits, bigEndian);
        return fmt;
    }

    /// <summary>A 40-byte WAVE_FORMAT_EXTENSIBLE payload with the given sub-format GUID.</summary>
    public static byte[] Extensible(ushort channels, uint rate, ushort bits, byte[] subFormat)
    {
        var fmt = new byte[40];
        Fmt(0xFFFE, channels, rate, bits).CopyTo(fmt, 0);
        Write16(fmt, 16, 22, false);
        Write16(fmt, 18, bits, false);
        Write32(fmt, 20, 0x4, false);
        subFormat.CopyTo(fmt, 24);
        return fmt;
    }

    public static byte[] Riff(params byte[][] chunks) => Container("RIFF", false, chunks);

    public static byte[] Rifx(params byte[][] chunks) => Container("RIFX", true, chunks);

    /// <summary>RF64: the RIFF size is the 0xFFFFFFFF placeholder; the caller supplies the ds64 chunk among the chunks.</summary>
    public static byte[] Rf64(params byte[][] chunks)
    {
        var file = Container("RF64", false, chunks);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 0xFFFFFFFF);
        return file;
    }

    public static byte[] Ds64(long riffSize, long dataSize, long sampleCount)
    {
        var payload = new byte[28];
        BinaryPrimitives.WriteInt64LittleEndian(payload, riffSize);
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(8), dataSize);
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(16), sampleCount);
        return Chunk("ds64", payload);
    }

    public static byte[] Samples(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 7)).ToArray();

    private static byte[] Container(string id, bool bigEndian, byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var file = new byte[12 + body.Length];
        System.Text.Encoding.ASCII.GetBytes(id).CopyTo(file, 0);
        Write32(file, 4, (uint)(4 + body.Length), bigEndian);
        "WAVE"u8.CopyTo(file.AsSpan(8));
        body.CopyTo(file, 12);
        return file;
    }

    private static void Write16(byte[] b, int at, ushort v, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v);
        }
    }

    private static void Write32(byte[] b, int at, uint v, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), v);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);
        }
    }
}
