using MediaCompiler.Codecs.Decoding.Mp3.NLayer;

namespace MediaCompiler.Codecs.Decoding.Mp3;

/// <summary>
/// One MPEG audio frame as the vendored NLayer decoders read it: a most-significant-bit-first reader over the frame's
/// bytes after its header (and CRC word). A Layer III frame whose CRC does not match its header and side information
/// reads as all zero bits, which decodes as one frame of silence with no main data: NLayer's own policy for a damaged
/// frame, kept so that a bit error never turns into a burst of noise. A Layer I/II frame's CRC covers its bit
/// allocation, whose length is only known while decoding it; it is not checked (nor is it by ffmpeg by default).
/// </summary>
internal sealed class Mp3FrameBits : IMpegFrame
{
    private const int CrcSize = 2;

    private readonly byte[] _content;
    private readonly int _start;
    private readonly MpegAudioFrame _frame;
    private readonly bool _muted;
    private int _position;
    private ulong _bucket;
    private int _bucketBits;

    public Mp3FrameBits(byte[] content, int start, MpegAudioFrame frame)
    {
        _content = content;
        _start = start;
        _frame = frame;
        _muted = frame.HasCrc && frame.Layer == 3 && !CrcMatches();
        _position = start + MpegAudioFrame.HeaderSize + (frame.HasCrc ? CrcSize : 0);
    }

    public int SampleRate => _frame.SampleRate;

    public int FrameLength => _frame.Length;

    public int BitRate => _frame.BitRate;

    public MpegVersion Version => _frame.Version;

    public MpegChannelMode ChannelMode => _frame.ChannelMode;

    public int ChannelModeExtension => _frame.ModeExtension;

    public bool HasCrc => _frame.HasCrc;

    /// <summary>Whether the frame failed its CRC check (and so reads as silence).</summary>
    public bool Muted => _muted;

    public int ReadBits(int bitCount)
    {
        if (bitCount is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(bitCount), bitCount, "a frame is read 1 to 32 bits at a time");
        }

        if (_muted)
        {
            return 0;
        }

        while (_bucketBits < bitCount)
        {
            if (_position >= _start + _frame.Length)
            {
                // The decoder asked for more than the header promised: the frame's side information is damaged.
                throw new InvalidDataException("the frame's side information reaches past the frame's end");
            }

            _bucket = (_bucket << 8) | _content[_position++];
            _bucketBits += 8;
        }

        int value = (int)((_bucket >> (_bucketBits - bitCount)) & ((1UL << bitCount) - 1));
        _bucketBits -= bitCount;
        return value;
    }

    /// <summary>
    /// CRC-16 (polynomial 0x8005, initial 0xFFFF) over the header's last two bytes and the side information, compared
    /// with the word that follows the header (ISO/IEC 11172-3 2.4.3.1).
    /// </summary>
    private bool CrcMatches()
    {
        int sideInfo = _start + MpegAudioFrame.HeaderSize + CrcSize;
        uint crc = Crc16(Crc16(0xFFFF, _content.AsSpan(_start + 2, 2)), _content.AsSpan(sideInfo, _frame.SideInfoSize));
        int declared = (_content[_start + 4] << 8) | _content[_start + 5];
        return crc == (uint)declared;
    }

    /// <summary>CRC-16 with polynomial 0x8005, most significant bit first, no reflection (CRC-16/CMS from 0xFFFF).</summary>
    internal static uint Crc16(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (byte value in bytes)
        {
            for (int mask = 0x80; mask != 0; mask >>= 1)
            {
                bool carry = (crc & 0x8000) != 0;
                crc = (crc << 1) & 0xFFFF;
                if (carry ^ ((value & mask) != 0))
                {
                    crc ^= 0x8005;
                }
            }
        }

        return crc;
    }
}
