using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// What an MP4 'alac' sample entry's own 'alac' box (a full box holding the 24-byte ALACSpecificConfig) says about its
/// Apple Lossless stream: channels, bit depth and sample rate.
/// </summary>
internal sealed record Mp4AlacConfig(int Channels, int BitDepth, int SampleRate)
{
    // As for 'mp4a': the AudioSampleEntry's fixed part before its child boxes (36 bytes with its header).
    private const int SampleEntryHeader = 36;
    private const int ConfigBytes = 24;

    /// <summary>Reads the configuration of stsd's first sample entry; null without a plausible one.</summary>
    public static Mp4AlacConfig? Read(ByteSource source, Mp4Probe.Box stsd)
    {
        var entry = Mp4Probe.FindChild(source, stsd.Start + 8, stsd.End, "alac");
        var header = entry is { } found ? source.ReadBlock(found.Start - 8, SampleEntryHeader) : [];
        if (entry is not { } box || header.Length < SampleEntryHeader)
        {
            return null;
        }

        int version = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
        long children = box.Start - 8 + SampleEntryHeader + version switch { 1 => 16, 2 => 36, _ => 0 };
        var cookie = Mp4Probe.FindChild(source, children, box.End, "alac")
            ?? (Mp4Probe.FindChild(source, children, box.End, "wave") is { } wave ? Mp4Probe.FindChild(source, wave.Start, wave.End, "alac") : null);
        var bytes = cookie is { } config ? source.ReadBlock(config.Start + 4, ConfigBytes) : [];
        if (bytes.Length < ConfigBytes || bytes[9] is 0 or > 8 || bytes[5] is not (16 or 20 or 24 or 32))
        {
            return null;
        }

        return new Mp4AlacConfig(bytes[9], bytes[5], (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)), int.MaxValue));
    }
}
