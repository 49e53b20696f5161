using System.Buffers.Binary;

namespace MediaCompiler.Codecs.Decoding.Alac;

/// <summary>
/// The ALACSpecificConfig ("magic cookie") of Apple's ALAC format: 24 big-endian bytes that an MP4 'alac' sample entry
/// (inside its own 'alac' box) and a CAF 'kuki' chunk carry. It gives the frame length, the bit depth, the channel
/// count, the sample rate and the three tuning values of the adaptive Golomb coder (pb, mb, kb).
/// </summary>
/// <param name="FrameLength">Samples per channel in a full packet (Apple's encoder: 4096).</param>
/// <param name="HistoryMultiplier">pb: how fast the coder's running mean adapts (scaled per channel by the packet).</param>
/// <param name="InitialHistory">mb: the running mean each channel of a packet starts from.</param>
/// <param name="RiceLimit">kb: the largest Rice parameter (0 when every frame is stored verbatim).</param>
/// <param name="AverageBitrate">Bits per second, or 0 when the encoder did not say.</param>
internal sealed record AlacConfig(
    int FrameLength, int BitDepth, int HistoryMultiplier, int InitialHistory, int RiceLimit, int Channels, int AverageBitrate, int SampleRate)
{
    public const int Size = 24;

    /// <summary>
    /// The longest frame decoded: Apple's encoder writes 4096; a header claiming more would size buffers from a
    /// claim, so anything past 64 Ki samples is refused.
    /// </summary>
    public const int MaxFrameLength = 1 << 16;

    /// <summary>Apple's decoder maps at most eight channels (ALAC channel layouts 1 to 8).</summary>
    public const int MaxChannels = 8;

    public static AlacConfig Parse(ReadOnlySpan<byte> cookie)
    {
        if (cookie.Length < Size)
        {
            throw new AlacDamageException($"its ALAC configuration is {cookie.Length} bytes long, not {Size}");
        }

        var frameLength = BinaryPrimitives.ReadUInt32BigEndian(cookie);
        var compatibleVersion = cookie[4];
        var config = new AlacConfig(
            FrameLength: (int)Math.Min(frameLength, int.MaxValue),
            BitDepth: cookie[5],
            HistoryMultiplier: cookie[6],
            InitialHistory: cookie[7],
            RiceLimit: cookie[8],
            Channels: cookie[9],
            AverageBitrate: (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(cookie[16..]), int.MaxValue),
            SampleRate: (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(cookie[20..]), int.MaxValue));
        var problem = (config, compatibleVersion) switch
        {
            (_, not 0) => $"its ALAC configuration has the compatible version {compatibleVersion} (only 0 exists)",
            ({ FrameLength: 0 or > MaxFrameLength }, _) => $"its ALAC configuration declares frames of {frameLength} samples (1 to {MaxFrameLength} are decoded)",
            ({ BitDepth: not (16 or 20 or 24 or 32) }, _) => $"its ALAC configuration declares {config.BitDepth}-bit samples (ALAC has 16, 20, 24 and 32)",
            ({ Channels: 0 or > MaxChannels }, _) => $"its ALAC configuration declares {config.Channels} channels (1 to {MaxChannels})",
            // 0 is legal: an encoder that stores every frame verbatim (ffmpeg's compression level 0) needs no coder.
            ({ RiceLimit: > 32 }, _) => $"its ALAC configuration declares the Rice limit {config.RiceLimit} (0 to 32)",
            ({ SampleRate: > 384_000 }, _) => $"its ALAC configuration declares the sample rate {config.SampleRate} Hz",
            _ => null,
        };
        return problem is null ? config : throw new AlacDamageException(problem);
    }
}
