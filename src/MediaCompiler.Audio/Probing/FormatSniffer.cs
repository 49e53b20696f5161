using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// Identifies a file by its magic bytes. Audio containers the probe parses get their kind; other well-known formats
/// get a name, so that a rejected file says what it is ("an AIFF file", "a ZIP archive") instead of "unknown".
/// </summary>
internal static class FormatSniffer
{
    public const int HeadSize = 16;

    public enum Kind
    {
        /// <summary>Not identified by magic bytes: it may still be MPEG/ADTS frames, which need a frame search.</summary>
        None,
        Wav,
        Ogg,
        Flac,
        Mp4,
        Adif,
        Id3,
        Matroska,
        Aiff,
        Aifc,
        Caf,
        Au,
        /// <summary>A known format the media engine does not take (its name is in <see cref="Sniffed.Name"/>).</summary>
        Other,
    }

    public readonly record struct Sniffed(Kind Kind, string? Name = null);

    public static Sniffed Identify(ReadOnlySpan<byte> head)
    {
        static bool At(ReadOnlySpan<byte> bytes, int offset, ReadOnlySpan<byte> magic) =>
            bytes.Length >= offset + magic.Length && bytes.Slice(offset, magic.Length).SequenceEqual(magic);

        if (At(head, 0, "RIFF"u8) || At(head, 0, "RIFX"u8) || At(head, 0, "RF64"u8) || At(head, 0, "BW64"u8))
        {
            if (At(head, 8, "WAVE"u8))
            {
                return new Sniffed(Kind.Wav);
            }

            var form = head.Length >= 12 ? System.Text.Encoding.ASCII.GetString(head[8..12]).TrimEnd() : "?";
            return new Sniffed(Kind.Other, form switch
            {
                "AVI" => "an AVI video",
                "WEBP" => "a WebP image",
                _ => $"a RIFF '{form}' file (not WAVE)",
            });
        }

        if (At(head, 0, "OggS"u8))
        {
            return new Sniffed(Kind.Ogg);
        }

        if (At(head, 0, "fLaC"u8))
        {
            return new Sniffed(Kind.Flac);
        }

        if (At(head, 4, "ftyp"u8))
        {
            return new Sniffed(Kind.Mp4);
        }

        if (At(head, 0, "ADIF"u8))
        {
            return new Sniffed(Kind.Adif);
        }

        if (At(head, 0, "FORM"u8) && (At(head, 8, "AIFF"u8) || At(head, 8, "AIFC"u8)))
        {
            return new Sniffed(At(head, 8, "AIFC"u8) ? Kind.Aifc : Kind.Aiff);
        }

        if (At(head, 0, ".snd"u8))
        {
            return new Sniffed(Kind.Au);
        }

        if (At(head, 0, "caff"u8))
        {
            return new Sniffed(Kind.Caf);
        }

        if (At(head, 0, [0x1A, 0x45, 0xDF, 0xA3]))
        {
            return new Sniffed(Kind.Matroska);
        }

        if (At(head, 0, "ID3"u8))
        {
            return new Sniffed(Kind.Id3);
        }

        var other =
            At(head, 0, "#!AMR"u8) ? "an AMR file"
            : At(head, 0, "MAC "u8) ? "a Monkey's Audio file"
            : At(head, 0, "wvpk"u8) ? "a WavPack file"
            : At(head, 0, "MThd"u8) ? "a MIDI file"
            : At(head, 0, [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]) ? "an ASF/WMA file"
            : At(head, 0, "PK\u0003\u0004"u8) ? "a ZIP archive"
            : At(head, 0, "%PDF"u8) ? "a PDF document"
            : At(head, 0, [0x1F, 0x8B]) ? "a gzip archive"
            : null;
        return other is null ? new Sniffed(Kind.None) : new Sniffed(Kind.Other, other);
    }

    /// <summary>The major brand of an ISO BMFF 'ftyp' box, for naming an MP4 container ("M4A ", "isom").</summary>
    public static string Mp4Brand(ReadOnlySpan<byte> head)
    {
        if (head.Length < 12)
        {
            return "?";
        }

        var brand = head[8..12];
        foreach (var b in brand)
        {
            if (b < 0x20 || b > 0x7E)
            {
                return $"0x{BinaryPrimitives.ReadUInt32BigEndian(brand):X8}";
            }
        }

        return System.Text.Encoding.ASCII.GetString(brand).TrimEnd();
    }

    /// <summary>The first bytes as hex, for messages about content nothing recognised.</summary>
    public static string HexPreview(ReadOnlySpan<byte> head) =>
        string.Join(' ', head[..Math.Min(head.Length, 8)].ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
