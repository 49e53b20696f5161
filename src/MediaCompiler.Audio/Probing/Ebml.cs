using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// The element syntax of Matroska and WebM (EBML, RFC 8794): an ID and a size, each a variable-length integer whose
/// first byte's leading zeros give its length; the ID keeps its marker bit, the size drops it, and a size of all ones
/// means "unknown" (a live recorder's Segment and Clusters, as browsers' MediaRecorder writes them). The IDs of the
/// elements the probe and the WebM decoder read are named here, so the two read one vocabulary.
/// </summary>
internal static class Ebml
{
    public const uint Header = 0x1A45DFA3;
    public const uint DocType = 0x4282;
    public const uint Segment = 0x18538067;
    public const uint Info = 0x1549A966;
    public const uint TimestampScale = 0x2AD7B1;
    public const uint Duration = 0x4489;
    public const uint Tracks = 0x1654AE6B;
    public const uint TrackEntry = 0xAE;
    public const uint TrackNumber = 0xD7;
    public const uint TrackType = 0x83;
    public const uint CodecId = 0x86;
    public const uint CodecPrivate = 0x63A2;
    public const uint Audio = 0xE1;
    public const uint SamplingFrequency = 0xB5;
    public const uint Channels = 0x9F;
    public const uint Cluster = 0x1F43B675;
    public const uint SimpleBlock = 0xA3;
    public const uint BlockGroup = 0xA0;
    public const uint Block = 0xA1;
    public const uint DiscardPadding = 0x75A2;

    /// <summary>Matroska's TrackType of an audio track.</summary>
    public const int AudioTrackType = 2;

    /// <summary>The size of an element whose end its writer did not know.</summary>
    public const long UnknownSize = -1;

    /// <summary>One element's header: its ID, where its data starts and how long it is (<see cref="UnknownSize"/>).</summary>
    public readonly record struct Element(uint Id, int DataStart, long Size)
    {
        /// <summary>Where the data ends, within <paramref name="limit"/> (an unknown size runs to the limit).</summary>
        public int DataEnd(int limit) => Size == UnknownSize ? limit : (int)Math.Min(limit, DataStart + Size);
    }

    /// <summary>Reads the element header at <paramref name="position"/>; false when the bytes there cannot be one.</summary>
    public static bool TryReadElement(ReadOnlySpan<byte> bytes, int position, out Element element)
    {
        element = default;
        if (!TryReadVint(bytes, position, keepMarker: true, out long id, out int idLength) || idLength > 4
            || !TryReadVint(bytes, position + idLength, keepMarker: false, out long size, out int sizeLength))
        {
            return false;
        }

        element = new Element((uint)id, position + idLength + sizeLength, size);
        return true;
    }

    /// <summary>
    /// A variable-length integer of 1-8 bytes. With <paramref name="keepMarker"/> (IDs) the value keeps its length
    /// marker; without it (sizes, track numbers) an all-ones value is <see cref="UnknownSize"/>.
    /// </summary>
    public static bool TryReadVint(ReadOnlySpan<byte> bytes, int position, bool keepMarker, out long value, out int length)
    {
        value = 0;
        length = 0;
        if (position < 0 || position >= bytes.Length || bytes[position] == 0)
        {
            return false;
        }

        length = System.Numerics.BitOperations.LeadingZeroCount((uint)bytes[position]) - 23;
        if (position + length > bytes.Length)
        {
            return false;
        }

        long raw = 0;
        for (int i = 0; i < length; i++)
        {
            raw = (raw << 8) | bytes[position + i];
        }

        long marker = 1L << (7 * length);
        long data = raw & (marker - 1);
        value = keepMarker ? raw : data == marker - 1 ? UnknownSize : data;
        return true;
    }

    /// <summary>An unsigned integer element's value (0-8 bytes, big-endian).</summary>
    public static ulong ReadUnsigned(ReadOnlySpan<byte> data)
    {
        ulong value = 0;
        foreach (byte b in data[..Math.Min(8, data.Length)])
        {
            value = (value << 8) | b;
        }

        return value;
    }

    /// <summary>A signed integer element's value (two's complement, 0-8 bytes).</summary>
    public static long ReadSigned(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return 0;
        }

        int length = Math.Min(8, data.Length);
        return (long)(ReadUnsigned(data) << (64 - (8 * length))) >> (64 - (8 * length));
    }

    /// <summary>A float element's value (4 or 8 bytes; 0 for any other length).</summary>
    public static double ReadFloat(ReadOnlySpan<byte> data) => data.Length switch
    {
        4 => BinaryPrimitives.ReadSingleBigEndian(data),
        8 => BinaryPrimitives.ReadDoubleBigEndian(data),
        _ => 0,
    };
}
