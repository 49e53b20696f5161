using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>Receives a FLAC stream's samples frame by frame: integers at the stream's bit depth, channels restored.</summary>
internal interface IFlacSampleSink
{
    /// <summary>Called once, before the first frame.</summary>
    void Start(FlacStreamHeader header);

    /// <summary>One frame: <paramref name="channels"/>[c][0..blockSize) per channel.</summary>
    void Append(int[][] channels, int blockSize);
}

/// <summary>The end of a decode: the stream's header when it succeeded, else why not (a phrase for IVR3120).</summary>
/// <param name="Unsupported">The failure is a valid stream this decoder does not read (32-bit samples, a rate beyond any prompt), not damage.</param>
/// <param name="CutShort">The failure is the file's end, where the stream needs more bytes: truncated, not damaged.</param>
internal sealed record FlacStreamOutcome(FlacStreamHeader? Header, string? Failure, bool Unsupported = false, bool CutShort = false)
{
    public static FlacStreamOutcome Failed(string reason, FlacDamageException e) => new(null, reason, CutShort: e.FileEnds);
}

/// <summary>
/// Decodes a native FLAC stream (RFC 9639) strictly: every frame header's CRC-8 and every frame's CRC-16 must match,
/// frames must follow each other without gaps and agree with STREAMINFO, the sample count must be the declared one,
/// and a non-zero MD5 in STREAMINFO must be that of the decoded samples. Any fault ends the decode with a reason:
/// damaged audio is never passed on as audio. Work and memory follow the bytes that exist, never a header's claims,
/// and the output is capped at <see cref="MaxDurationSeconds"/> (a few bytes of CONSTANT frames can stand for hours).
/// </summary>
internal static class FlacStreamDecoder
{
    public const int MaxDurationSeconds = 600;
    public const int MaxBitsPerSample = 24;
    public const int MaxSampleRate = 192000;
    private const int Id3v1Length = 128;

    public static FlacStreamOutcome Decode(byte[] content, IFlacSampleSink sink, FlacToolUsage? usage, CancellationToken cancellationToken)
    {
        FlacStreamHeader header;
        try
        {
            header = FlacStreamHeader.Read(content);
        }
        catch (FlacDamageException e)
        {
            return FlacStreamOutcome.Failed(e.Message, e);
        }

        if (Unsupported(header) is { } unsupported)
        {
            return new FlacStreamOutcome(null, unsupported, Unsupported: true);
        }

        sink.Start(header);
        using var md5 = header.HasMd5 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        var state = new DecodeState(content, header, sink, md5, usage);
        int frame = 0;
        int offset = header.FirstFrameOffset;
        try
        {
            while (offset < content.Length && !state.AtStreamEnd(offset))
            {
                cancellationToken.ThrowIfCancellationRequested();
                offset = state.DecodeFrame(offset, frame);
                frame++;
            }
        }
        catch (FlacDamageException e)
        {
            return FlacStreamOutcome.Failed($"frame {frame} (at byte {offset:N0}): {e.Message}", e);
        }

        try
        {
            state.Verify();
        }
        catch (FlacDamageException e)
        {
            return FlacStreamOutcome.Failed(e.Message, e);
        }

        return new FlacStreamOutcome(header, null);
    }

    private static string? Unsupported(FlacStreamHeader header)
    {
        if (header.BitsPerSample > MaxBitsPerSample)
        {
            return $"it holds {header.BitsPerSample}-bit samples; the decoder reads FLAC of 4 to {MaxBitsPerSample} bits";
        }

        return header.SampleRate > MaxSampleRate
            ? $"its sample rate of {header.SampleRate} Hz is above {MaxSampleRate} Hz, beyond any prompt"
            : null;
    }

    /// <summary>The running state of one decode: buffers, position in the stream, the MD5 of what was decoded.</summary>
    private sealed class DecodeState(byte[] content, FlacStreamHeader header, IFlacSampleSink sink, IncrementalHash? md5, FlacToolUsage? usage)
    {
        private readonly int[][] _channels = Enumerable.Range(0, header.Channels).Select(_ => new int[header.MaxBlockSize]).ToArray();
        private readonly byte[] _md5Bytes = md5 is null ? [] : new byte[header.MaxBlockSize * header.Channels * ((header.BitsPerSample + 7) / 8)];
        private readonly long _maxSamples = (long)MaxDurationSeconds * header.SampleRate;
        private long _decoded;
        private long _firstNumber = -1;
        private bool _variable;

        /// <summary>
        /// True when what is left is not audio but may follow it: an ID3v1 tag, or, once every declared sample has been
        /// decoded, bytes that do not start a frame (another tag format). Anything else must parse as frames.
        /// </summary>
        public bool AtStreamEnd(int offset)
        {
            int left = content.Length - offset;
            if (left == Id3v1Length && content.AsSpan(offset, 3).SequenceEqual("TAG"u8))
            {
                return true;
            }

            bool frameSync = left >= 2 && content[offset] == 0xFF && (content[offset + 1] & 0xFE) == 0xF8;
            return header.TotalSamples > 0 && _decoded == header.TotalSamples && !frameSync;
        }

        /// <summary>Decodes the frame at <paramref name="offset"/>, hands it on, and returns where the next one starts.</summary>
        public int DecodeFrame(int offset, int frame)
        {
            var frameHeader = FlacFrameHeader.Read(content, offset, header);
            CheckAgainstStream(frameHeader, frame);
            int blockSize = frameHeader.BlockSize;
            var reader = new FlacBitReader(content, offset + frameHeader.Length, content.Length);
            for (int channel = 0; channel < frameHeader.Channels; channel++)
            {
                int bits = frameHeader.BitsPerSample + (IsSideChannel(frameHeader.Assignment, channel) ? 1 : 0);
                FlacSubframeReader.Read(reader, _channels[channel].AsSpan(0, blockSize), bits, usage);
            }

            reader.AlignToByte();
            int crcAt = reader.BytePosition;
            if (crcAt + 2 > content.Length)
            {
                throw FlacDamageException.CutShort("the file ends inside the frame, before its CRC-16");
            }

            if (FlacCrc.Crc16(content.AsSpan(offset, crcAt - offset)) != ((content[crcAt] << 8) | content[crcAt + 1]))
            {
                throw new FlacDamageException("the frame's CRC-16 does not match");
            }

            FlacStereo.Restore(frameHeader.Assignment, _channels[0].AsSpan(0, blockSize), frameHeader.Channels > 1 ? _channels[1].AsSpan(0, blockSize) : []);
            usage?.Count(FlacStereo.Tool(frameHeader.Assignment));
            _decoded += blockSize;
            AppendMd5(blockSize);
            sink.Append(_channels, blockSize);
            return crcAt + 2;
        }

        /// <summary>
        /// After the last frame: the declared length and MD5, if any, must be those of the decoded samples. Fewer
        /// samples than declared, the frames having ended with the file on a frame boundary, is a file cut short.
        /// </summary>
        public void Verify()
        {
            if (header.TotalSamples > 0 && _decoded < header.TotalSamples)
            {
                throw FlacDamageException.CutShort(_decoded == 0
                    ? $"its STREAMINFO declares {header.TotalSamples:N0} samples per channel but the file ends before its first audio frame"
                    : $"its STREAMINFO declares {header.TotalSamples:N0} samples per channel but the file ends after {_decoded:N0}");
            }

            if (_decoded == 0)
            {
                throw new FlacDamageException("it holds no audio frames");
            }

            if (header.TotalSamples > 0 && _decoded != header.TotalSamples)
            {
                throw new FlacDamageException($"its STREAMINFO declares {header.TotalSamples} samples per channel but the frames hold {_decoded}");
            }

            if (md5 is not null && !md5.GetHashAndReset().AsSpan().SequenceEqual(header.Md5))
            {
                throw new FlacDamageException("the decoded samples do not match the MD5 signature in its STREAMINFO");
            }
        }

        private void CheckAgainstStream(FlacFrameHeader frameHeader, int frame)
        {
            if (frameHeader.Channels != header.Channels || frameHeader.SampleRate != header.SampleRate || frameHeader.BitsPerSample != header.BitsPerSample)
            {
                throw new FlacDamageException(
                    $"its header gives {frameHeader.Channels} channel(s), {frameHeader.SampleRate} Hz, {frameHeader.BitsPerSample} bits where STREAMINFO gives {header.Channels}, {header.SampleRate} Hz, {header.BitsPerSample} bits");
            }

            if (frameHeader.BlockSize > header.MaxBlockSize)
            {
                throw new FlacDamageException($"its block of {frameHeader.BlockSize} samples exceeds STREAMINFO's maximum of {header.MaxBlockSize}");
            }

            if (frame == 0)
            {
                (_firstNumber, _variable) = (frameHeader.Number, frameHeader.VariableBlockSize);
            }

            // A fixed-size stream numbers its frames, a variable-size one its first samples; either way a missing,
            // repeated or reordered frame shows as the wrong number (which the CRCs alone cannot see).
            long expected = _variable ? _firstNumber + _decoded : _firstNumber + frame;
            if (frameHeader.VariableBlockSize != _variable || frameHeader.Number != expected)
            {
                throw new FlacDamageException($"its header numbers it {frameHeader.Number} where {expected} was due (a frame is missing or out of order)");
            }

            if (frameHeader.VariableBlockSize && frame == 0)
            {
                usage?.Count(FlacTool.VariableBlockSize);
            }

            if (_decoded + frameHeader.BlockSize > _maxSamples)
            {
                throw new FlacDamageException($"the stream decodes to more than {MaxDurationSeconds} s of audio, the most the engine decodes from one prompt");
            }
        }

        private static bool IsSideChannel(FlacChannelAssignment assignment, int channel) => assignment switch
        {
            FlacChannelAssignment.LeftSide or FlacChannelAssignment.MidSide => channel == 1,
            FlacChannelAssignment.RightSide => channel == 0,
            _ => false,
        };

        /// <summary>Feeds the frame to the MD5 as RFC 9639 section 8.2 defines it: interleaved, little-endian, whole bytes per sample.</summary>
        private void AppendMd5(int blockSize)
        {
            if (md5 is null)
            {
                return;
            }

            int width = (header.BitsPerSample + 7) / 8;
            int count = _channels.Length;
            int position = blockSize * count * width;
            if (width == 2 && BitConverter.IsLittleEndian)
            {
                // The common case, written as 16-bit words in the machine's (little-endian) order.
                var words = MemoryMarshal.Cast<byte, short>(_md5Bytes.AsSpan(0, position));
                for (int c = 0; c < count; c++)
                {
                    var samples = _channels[c].AsSpan(0, blockSize);
                    for (int i = 0; i < samples.Length; i++)
                    {
                        words[(i * count) + c] = (short)samples[i];
                    }
                }
            }
            else
            {
                for (int c = 0; c < count; c++)
                {
                    var samples = _channels[c];
                    for (int i = 0; i < blockSize; i++)
                    {
                        int at = ((i * count) + c) * width;
                        for (int b = 0; b < width; b++)
                        {
                            _md5Bytes[at + b] = (byte)(samples[i] >> (8 * b));
                        }
                    }
                }
            }

            md5.AppendData(_md5Bytes, 0, position);
        }
    }
}
