using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>The first sound sample entry of an 'stsd' box, and the box that configures its codec ('esds', 'alac').</summary>
internal static class Mp4SampleEntry
{
    // The AudioSampleEntry's fixed part: box header (8), reserved (6), data reference index (2), then version (2),
    // revision (2), vendor (4), channelcount (2), samplesize (2), compression id (2), packet size (2), rate (4).
    private const int SampleEntryHeader = 36;

    /// <summary>
    /// The <paramref name="configType"/> child of stsd's first sample entry when that entry is <paramref name="entryType"/>,
    /// found among the entry's children or inside a QuickTime 'wave' box; null without one.
    /// </summary>
    public static Mp4Probe.Box? ConfigBox(ByteSource source, Mp4Probe.Box stsd, string entryType, string configType)
    {
        // stsd: version and flags (4), entry count (4), then the first entry.
        var entry = Mp4Probe.FindChild(source, stsd.Start + 8, stsd.End, entryType);
        var header = entry is { } found ? source.ReadBlock(found.Start - 8, SampleEntryHeader) : [];
        if (entry is not { } box || header.Length < SampleEntryHeader)
        {
            return null;
        }

        // QuickTime sound descriptions of version 1 and 2 carry 16 and 36 more bytes before their child boxes.
        int version = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
        long children = box.Start - 8 + SampleEntryHeader + version switch { 1 => 16, 2 => 36, _ => 0 };
        return Mp4Probe.FindChild(source, children, box.End, configType)
            ?? (Mp4Probe.FindChild(source, children, box.End, "wave") is { } wave ? Mp4Probe.FindChild(source, wave.Start, wave.End, configType) : null);
    }
}
