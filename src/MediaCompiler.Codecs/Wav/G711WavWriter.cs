using System.Buffers.Binary;
using System.Text;
using MediaCompiler.Codecs.Encodings;

namespace MediaCompiler.Codecs.Wav;

/// <summary>
/// Writes G.711 audio as a RIFF/WAVE file: a WAVEFORMATEX fmt chunk (format tag 7 or 6, 8 bits, cbSize 0), the fact
/// chunk that non-PCM formats require (the sample count), an optional LIST/INFO chunk naming the source, and data.
/// </summary>
public static class G711WavWriter
{
    public const int SampleRate = 8000;

    /// <param name="codes">G.711 code words, one per sample (mono).</param>
    /// <param name="law">Which law the code words use.</param>
    /// <param name="title">When not null, written as a LIST/INFO INAM entry; null writes only fmt, fact and data.</param>
    public static byte[] Write(ReadOnlySpan<byte> codes, G711Law law, string? title = null)
    {
        byte[]? list = title is null ? null : InfoList(title);
        int dataPadding = codes.Length % 2;
        int size = 4 + (8 + 18) + (8 + 4) + (list?.Length ?? 0) + 8 + codes.Length + dataPadding;
        var file = new byte[8 + size];
        var span = file.AsSpan();
        int at = 0;

        at = WriteTag(span, at, "RIFF");
        at = WriteUInt32(span, at, (uint)size);
        at = WriteTag(span, at, "WAVE");

        at = WriteTag(span, at, "fmt ");
        at = WriteUInt32(span, at, 18);
        at = WriteUInt16(span, at, (ushort)law);
        at = WriteUInt16(span, at, 1); // channels
        at = WriteUInt32(span, at, SampleRate);
        at = WriteUInt32(span, at, SampleRate); // bytes per second: one byte per sample
        at = WriteUInt16(span, at, 1); // block align
        at = WriteUInt16(span, at, 8); // bits per sample
        at = WriteUInt16(span, at, 0); // cbSize: no extra format bytes

        at = WriteTag(span, at, "fact");
        at = WriteUInt32(span, at, 4);
        at = WriteUInt32(span, at, (uint)codes.Length);

        if (list is not null)
        {
            list.CopyTo(span[at..]);
            at += list.Length;
        }

        at = WriteTag(span, at, "data");
        at = WriteUInt32(span, at, (uint)codes.Length);
        codes.CopyTo(span[at..]);
        return file;
    }

    /// <summary>A LIST chunk of type INFO with one INAM (title) entry: NUL-terminated, padded to an even size.</summary>
    private static byte[] InfoList(string title)
    {
        var text = Encoding.UTF8.GetBytes(title + "\0");
        int textPadded = text.Length + (text.Length % 2);
        int listSize = 4 + 8 + textPadded;
        var list = new byte[8 + listSize];
        var span = list.AsSpan();
        int at = WriteTag(span, 0, "LIST");
        at = WriteUInt32(span, at, (uint)listSize);
        at = WriteTag(span, at, "INFO");
        at = WriteTag(span, at, "INAM");
        at = WriteUInt32(span, at, (uint)text.Length);
        text.CopyTo(span[at..]);
        return list;
    }

    private static int WriteTag(Span<byte> span, int at, string tag)
    {
        Encoding.ASCII.GetBytes(tag, span.Slice(at, 4));
        return at + 4;
    }

    private static int WriteUInt32(Span<byte> span, int at, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], value);
        return at + 4;
    }

    private static int WriteUInt16(Span<byte> span, int at, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], value);
        return at + 2;
    }
}
