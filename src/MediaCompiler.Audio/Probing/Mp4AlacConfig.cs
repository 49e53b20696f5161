using System.Buffers.Binary;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// What an MP4 'alac' sample entry's own 'alac' box (a full box holding the 24-byte ALACSpecificConfig) says about its
/// Apple Lossless stream: channels, bit depth and sample rate.
/// </summary>
internal sealed record Mp4AlacConfig(int Channels, int BitDepth, int SampleRate)
{
    private const int ConfigBytes = 24;

    /// <summary>Reads the configuration of stsd's first sample entry; null without a plausible one.</summary>
    public static Mp4AlacConfig? Read(ByteSource source, Mp4Probe.Box stsd)
    {
        var cookie = Mp4SampleEntry.ConfigBox(source, stsd, "alac", "alac");
        var bytes = cookie is { } config ? source.ReadBlock(config.Start + 4, ConfigBytes) : [];
        if (bytes.Length < ConfigBytes || bytes[9] is 0 or > 8 || bytes[5] is not (16 or 20 or 24 or 32))
        {
            return null;
        }

        return new Mp4AlacConfig(bytes[9], bytes[5], (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)), int.MaxValue));
    }
}
