using System.Buffers.Binary;
using System.Text;

namespace MediaCompiler.Codecs.Tests.Mp4;

/// <summary>
/// Writes M4A files box by box (ISO/IEC 14496-12/-14), for what ffmpeg's muxer will not make on request: 64-bit chunk
/// offsets, several samples per chunk, an iTunSMPB tag instead of an edit list, HE-AAC configurations, other object
/// types. The access units come from a real encoder (ffmpeg's ADTS output with the headers stripped), so ffmpeg can
/// decode the result as the reference.
/// </summary>
internal sealed record Mp4FileBuilder(byte[] Config, IReadOnlyList<byte[]> AccessUnits, int SampleRate, int Channels)
{
    public bool Co64 { get; init; }

    public bool MoovFirst { get; init; }

    public int SamplesPerChunk { get; init; } = 1;

    /// <summary>Duration of the last access unit in samples (the end padding cut), 1024 when null.</summary>
    public int? LastSampleDuration { get; init; }

    /// <summary>elst's first edit: (segment duration in the movie timescale, media time in the media timescale).</summary>
    public (uint Duration, int MediaTime)? Edit { get; init; }

    public uint MovieTimescale { get; init; } = 1000;

    public string? ITunSmpb { get; init; }

    public byte ObjectTypeIndication { get; init; } = 0x40;

    /// <summary>Added to every chunk offset (a co64 entry above 4 GiB, a shifted table).</summary>
    public long OffsetBias { get; init; }

    /// <summary>An AudioSpecificConfig for AAC-LC: object type 2, the rate's index, the channel configuration.</summary>
    public static byte[] LcConfig(int sampleRateIndex, int channels) =>
        Bits((2, 5), (sampleRateIndex, 4), (channels, 4), (0, 3));

    /// <summary>Packs (value, bit count) fields most significant bit first, zero-padded to whole bytes.</summary>
    public static byte[] Bits(params (long Value, int Count)[] fields)
    {
        var bits = fields.SelectMany(f => Enumerable.Range(0, f.Count).Select(i => ((f.Value >> (f.Count - 1 - i)) & 1) != 0)).ToList();
        var bytes = new byte[(bits.Count + 7) / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            bytes[i / 8] |= (byte)(bits[i] ? 0x80 >> (i % 8) : 0);
        }

        return bytes;
    }

    public byte[] Build()
    {
        var ftyp = Box("ftyp", Ascii("M4A "), U32(512), Ascii("M4A isomiso2"));
        var mdat = Box("mdat", [.. AccessUnits.SelectMany(u => u)]);
        var moovLength = Moov(0).Length;
        var mdatPayload = ftyp.Length + (MoovFirst ? moovLength : 0) + 8;
        var moov = Moov(mdatPayload);
        return MoovFirst ? [.. ftyp, .. moov, .. mdat] : [.. ftyp, .. mdat, .. moov];
    }

    /// <summary>The payload offset and length of the box at <paramref name="path"/> (e.g. "moov/trak/mdia"), for patching.</summary>
    public static (int Start, int Length) Locate(byte[] file, string path)
    {
        int start = 0, end = file.Length, fieldsBeforeChildren = 0;
        foreach (var type in path.Split('/'))
        {
            var found = false;
            for (var p = start + fieldsBeforeChildren; p + 8 <= end;)
            {
                var size = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(p));
                if (Encoding.Latin1.GetString(file, p + 4, 4) == type)
                {
                    (start, end, found) = (p + 8, p + size, true);
                    break;
                }

                p += size;
            }

            if (!found)
            {
                throw new InvalidOperationException($"no '{type}' box on the path {path}");
            }

            // stsd's version, flags and count, and the audio sample entry's fields, come before their child boxes.
            fieldsBeforeChildren = type switch { "stsd" => 8, "mp4a" => 28, "meta" => 4, _ => 0 };
        }

        return (start, end - start);
    }

    private byte[] Moov(long mdatPayload)
    {
        var count = AccessUnits.Count;
        var mediaDuration = ((count - 1) * 1024L) + (LastSampleDuration ?? 1024);
        var mvhd = Box("mvhd", U32(0), U32(0), U32(0), U32(MovieTimescale), U32(0), U32(0x00010000), U16(0x0100), new byte[10],
            U32(0x00010000), new byte[12], U32(0x00010000), new byte[12], U32(0x40000000), new byte[24], U32(2));
        var tkhd = Box("tkhd", U32(3), U32(0), U32(0), U32(1), U32(0), U32(0), new byte[8], U16(0), U16(0), U16(0x0100), U16(0),
            U32(0x00010000), new byte[12], U32(0x00010000), new byte[12], U32(0x40000000), U32(0), U32(0));
        var edts = Edit is { } edit ? Box("edts", Box("elst", U32(0), U32(1), U32(edit.Duration), U32((uint)edit.MediaTime), U32(0x00010000))) : [];
        var mdhd = Box("mdhd", U32(0), U32(0), U32(0), U32((uint)SampleRate), U32((uint)mediaDuration), U16(0x55C4), U16(0));
        var hdlr = Box("hdlr", U32(0), U32(0), Ascii("soun"), new byte[12], Ascii("SoundHandler\0"));
        var stbl = Box("stbl", Stsd(), Stts(count), Stsc(count), Stsz(), ChunkOffsets(mdatPayload));
        var minf = Box("minf", Box("smhd", U32(0), U32(0)), Box("dinf", Box("dref", U32(0), U32(1), Box("url ", U32(1)))), stbl);
        var trak = Box("trak", tkhd, edts, Box("mdia", mdhd, hdlr, minf));
        return Box("moov", mvhd, trak, Udta());
    }

    private byte[] Stsd()
    {
        byte[] Descriptor(int tag, params byte[][] parts) => [(byte)tag, (byte)parts.Sum(p => p.Length), .. parts.SelectMany(p => p)];
        var decoderConfig = Descriptor(4, [ObjectTypeIndication, 0x15, 0, 0x03, 0], U32(128000), U32(64000), Descriptor(5, Config));
        var esds = Box("esds", U32(0), Descriptor(3, U16(1), [0], decoderConfig, Descriptor(6, [2])));
        var mp4a = Box("mp4a", new byte[6], U16(1), new byte[8], U16((ushort)Channels), U16(16), U16(0), U16(0),
            U32((uint)SampleRate << 16), esds);
        return Box("stsd", U32(0), U32(1), mp4a);
    }

    private byte[] Stts(int count) => LastSampleDuration is { } last
        ? Box("stts", U32(0), U32(2), U32((uint)count - 1), U32(1024), U32(1), U32((uint)last))
        : Box("stts", U32(0), U32(1), U32((uint)count), U32(1024));

    private byte[] Stsc(int count)
    {
        var full = count / SamplesPerChunk;
        var rest = count % SamplesPerChunk;
        var runs = new List<byte[]> { U32(1), U32((uint)SamplesPerChunk), U32(1) };
        if (rest > 0)
        {
            runs.AddRange([U32((uint)full + 1), U32((uint)rest), U32(1)]);
        }

        return Box("stsc", U32(0), U32((uint)runs.Count / 3), [.. runs.SelectMany(r => r)]);
    }

    private byte[] Stsz() =>
        Box("stsz", U32(0), U32(0), U32((uint)AccessUnits.Count), [.. AccessUnits.SelectMany(u => U32((uint)u.Length))]);

    private byte[] ChunkOffsets(long mdatPayload)
    {
        var offsets = new List<long>();
        var position = mdatPayload;
        for (var i = 0; i < AccessUnits.Count; i++)
        {
            if (i % SamplesPerChunk == 0)
            {
                offsets.Add(position + OffsetBias);
            }

            position += AccessUnits[i].Length;
        }

        return Co64
            ? Box("co64", U32(0), U32((uint)offsets.Count), [.. offsets.SelectMany(o => U64((ulong)o))])
            : Box("stco", U32(0), U32((uint)offsets.Count), [.. offsets.SelectMany(o => U32((uint)o))]);
    }

    private byte[] Udta()
    {
        if (ITunSmpb is null)
        {
            return [];
        }

        var freeform = Box("----", Box("mean", U32(0), Ascii("com.apple.iTunes")), Box("name", U32(0), Ascii("iTunSMPB")),
            Box("data", U32(1), U32(0), Ascii(ITunSmpb)));
        var meta = Box("meta", U32(0), Box("hdlr", U32(0), U32(0), Ascii("mdir"), Ascii("appl"), new byte[9]), Box("ilst", freeform));
        return Box("udta", meta);
    }

    private static byte[] Box(string type, params byte[][] parts)
    {
        var length = 8 + parts.Sum(p => p.Length);
        return [.. U32((uint)length), .. Ascii(type), .. parts.SelectMany(p => p)];
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] U16(ushort value) => [(byte)(value >> 8), (byte)value];

    private static byte[] U32(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] U64(ulong value) => [.. U32((uint)(value >> 32)), .. U32((uint)value)];
}
