using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>The fields of a WAVEFORMATEX / WAVEFORMATEXTENSIBLE 'fmt ' chunk.</summary>
internal sealed record WavFormat(
    ushort FormatTag,
    ushort Channels,
    uint SampleRate,
    uint AverageBytesPerSecond,
    ushort BlockAlign,
    ushort BitsPerSample,
    ushort? EffectiveTag)
{
    /// <summary>WAVEFORMATEXTENSIBLE is 40 bytes; anything after that is codec-specific and not needed.</summary>
    public const int MaxUsefulBytes = 40;

    /// <summary>The old WAVEFORMAT (no bits-per-sample field) is 14 bytes.</summary>
    private const int MinimumSize = 14;

    /// <summary>True for formats whose data is plain sample frames of <see cref="BlockAlign"/> bytes.</summary>
    public bool IsUncompressed => EffectiveTag is WavFormatTags.Pcm or WavFormatTags.IeeeFloat or WavFormatTags.ALaw or WavFormatTags.MuLaw;

    /// <summary>
    /// Parses a fmt payload, or returns null when it is too short to hold the fields its tag needs. For
    /// WAVE_FORMAT_EXTENSIBLE the effective tag comes from the sub-format GUID (null when the GUID is not tag-based).
    /// </summary>
    public static WavFormat? Parse(ReadOnlySpan<byte> payload, bool bigEndian)
    {
        if (payload.Length < MinimumSize)
        {
            return null;
        }

        var tag = U16(payload, 0, bigEndian);
        ushort? effective = tag;
        if (tag == WavFormatTags.Extensible)
        {
            if (payload.Length < MaxUsefulBytes)
            {
                return null;
            }

            effective = WavFormatTags.TagFromSubFormat(payload.Slice(24, 16), bigEndian);
        }

        var bits = payload.Length >= 16 ? U16(payload, 14, bigEndian) : (ushort)0;
        return new WavFormat(tag, U16(payload, 2, bigEndian), U32(payload, 4, bigEndian), U32(payload, 8, bigEndian),
            U16(payload, 12, bigEndian), bits, effective);
    }

    private static ushort U16(ReadOnlySpan<byte> bytes, int at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]);

    private static uint U32(ReadOnlySpan<byte> bytes, int at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);
}
