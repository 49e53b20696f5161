using MediaCompiler.Codecs.Decoding.Opus;

namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>
/// FLAC in Ogg (the Ogg FLAC mapping, what ffmpeg and some recorders write as ".oga"/".ogg"): the first packet is
/// 0x7F "FLAC", the mapping's version and header count, then "fLaC" and the STREAMINFO block; metadata blocks follow one
/// per packet, then one FLAC frame per packet. The native stream they spell ("fLaC", the blocks, the frames) is decoded
/// by the same decoder as a .flac file, so every frame's CRC is checked as there.
/// </summary>
internal sealed class OggFlacDecoder : IManagedDecoder
{
    private const int MappingHeaderBytes = 13; // 0x7F "FLAC" (5), version (2), header count (2), "fLaC" (4)
    private const byte LastMetadataBlock = 0x80;

    private static readonly FlacDecoder Native = new();

    public string FormatName => "Ogg FLAC";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var (read, error) = OggPacketReader.ReadPackets(content);
        var packets = read.Where(p => p.Data.Length > 0).ToList(); // an empty packet carries nothing (Ogg allows them)
        if (packets.Count == 0 || packets[0].Data.Length < MappingHeaderBytes + 4 || !packets[0].Data.AsSpan(0, 5).SequenceEqual("\u007FFLAC"u8))
        {
            return DecoderFailure.Damaged(fileName, FormatName, error ?? "its first packet is not the Ogg FLAC mapping header");
        }

        if (error is not null)
        {
            // A stream cut short or damaged: refused, as a cut native FLAC file is.
            return DecoderFailure.Damaged(fileName, FormatName, error);
        }

        using var native = new MemoryStream(content.Length);
        native.Write("fLaC"u8);
        var blocks = new List<byte[]> { packets[0].Data[MappingHeaderBytes..] };
        int next = 1;
        for (; next < packets.Count && !IsFrame(packets[next].Data); next++)
        {
            blocks.Add(packets[next].Data);
        }

        for (int i = 0; i < blocks.Count; i++)
        {
            var block = (byte[])blocks[i].Clone();
            // Only the last metadata block carries the flag (a stream of STREAMINFO alone needs it set here).
            block[0] = (byte)(i == blocks.Count - 1 ? block[0] | LastMetadataBlock : block[0] & ~LastMetadataBlock);
            native.Write(block);
        }

        for (; next < packets.Count; next++)
        {
            native.Write(packets[next].Data);
        }

        return Native.Decode(native.ToArray(), fileName, cancellationToken);
    }

    /// <summary>A FLAC frame starts with the 14-bit sync code 0b11111111111110.</summary>
    private static bool IsFrame(byte[] packet) => packet.Length >= 2 && packet[0] == 0xFF && (packet[1] & 0xFC) == 0xF8;
}
