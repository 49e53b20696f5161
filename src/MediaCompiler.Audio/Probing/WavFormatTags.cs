namespace MediaCompiler.Audio.Probing;

/// <summary>
/// The WAVE format tags (mmreg.h) mapped to stable codec names and human descriptions, so that a rejected WAV says
/// exactly what it holds ("Microsoft ADPCM", "GSM 6.10") rather than a number.
/// </summary>
internal static class WavFormatTags
{
    public const ushort Pcm = 0x0001;
    public const ushort IeeeFloat = 0x0003;
    public const ushort ALaw = 0x0006;
    public const ushort MuLaw = 0x0007;
    public const ushort MpegLayer12 = 0x0050;
    public const ushort MpegLayer3 = 0x0055;
    public const ushort Extensible = 0xFFFE;

    /// <summary>The tail shared by every KSDATAFORMAT_SUBTYPE GUID built from a format tag (bytes 2..15).</summary>
    private static ReadOnlySpan<byte> SubFormatGuidTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>
    /// Resolves an extensible format's sub-format GUID to the format tag it stands for, or null when the GUID is not
    /// one of the tag-derived ones (Ambisonics, vendor formats).
    /// </summary>
    public static ushort? TagFromSubFormat(ReadOnlySpan<byte> guid, bool bigEndian)
    {
        if (guid.Length != 16)
        {
            return null;
        }

        // Little-endian: the first field is a uint32 whose low 16 bits are the tag and high 16 bits zero.
        if (!bigEndian)
        {
            return guid[2..].SequenceEqual(SubFormatGuidTail) ? (ushort)(guid[0] | (guid[1] << 8)) : null;
        }

        // RIFX: sox writes the tag as a big-endian uint16 followed by the GUID's remaining 14 bytes as they are
        // (00 01 | 00 00 00 00 10 00 80 ...); a writer that stores the whole GUID big-endian swaps its first three
        // fields instead (00 00 00 01 | 00 00 | 00 10 | 80 ...). Both are read.
        if (guid[2..].SequenceEqual(SubFormatGuidTail))
        {
            return (ushort)((guid[0] << 8) | guid[1]);
        }

        Span<byte> swapped = stackalloc byte[14];
        guid[2..].CopyTo(swapped);
        swapped[..2].Clear(); // The uint32's high half, which is its first two bytes when big-endian.
        swapped[2..4].Reverse();
        swapped[4..6].Reverse();
        return guid[0] == 0 && guid[1] == 0 && swapped.SequenceEqual(SubFormatGuidTail) ? (ushort)((guid[2] << 8) | guid[3]) : null;
    }

    /// <summary>Codec name and description for a tag at a given sample width.</summary>
    public static (string Codec, string Description) Describe(ushort tag, int bitsPerSample, bool bigEndian)
    {
        var endian = bigEndian ? "be" : "le";
        return tag switch
        {
            Pcm => bitsPerSample switch
            {
                8 => ("pcm_u8", "8-bit unsigned linear PCM"),
                16 => ($"pcm_s16{endian}", "16-bit linear PCM"),
                24 => ($"pcm_s24{endian}", "24-bit linear PCM"),
                32 => ($"pcm_s32{endian}", "32-bit linear PCM"),
                _ => ($"pcm_{bitsPerSample}bit", $"{bitsPerSample}-bit linear PCM"),
            },
            IeeeFloat => bitsPerSample == 64
                ? ($"pcm_f64{endian}", "64-bit IEEE float")
                : ($"pcm_f32{endian}", $"{bitsPerSample}-bit IEEE float"),
            ALaw => ("alaw", $"{bitsPerSample}-bit A-law (G.711)"),
            MuLaw => ("mulaw", $"{bitsPerSample}-bit mu-law (G.711)"),
            0x0002 => ("adpcm_ms", "Microsoft ADPCM"),
            0x0011 => ("adpcm_ima", "IMA ADPCM"),
            0x0031 => ("gsm_ms", "GSM 6.10"),
            0x0065 or 0x028F => ("g722", "G.722 ADPCM"),
            0x0040 or 0x0045 or 0x0064 => ("g726", "G.726 ADPCM"),
            0x0042 => ("g723_1", "G.723.1"),
            0x0022 => ("truespeech", "DSP Group TrueSpeech"),
            MpegLayer12 => ("mp2", "MPEG Layer I/II"),
            MpegLayer3 => ("mp3", "MPEG Layer III"),
            0x00FF or 0x1600 or 0x1610 or 0x1602 => ("aac", "AAC"),
            0x0160 or 0x0161 or 0x0162 or 0x0163 => ("wma", "Windows Media Audio"),
            0x2000 => ("ac3", "Dolby AC-3"),
            0xF1AC => ("flac", "FLAC"),
            0x6750 or 0x674F or 0x6751 => ("vorbis", "Vorbis"),
            0x704F => ("opus", "Opus"),
            _ => ($"unknown(0x{tag:x4})", $"an unknown WAVE format (tag 0x{tag:X4})"),
        };
    }
}
