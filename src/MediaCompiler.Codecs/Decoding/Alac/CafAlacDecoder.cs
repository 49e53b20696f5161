using System.Buffers.Binary;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.Alac;

/// <summary>
/// Apple Lossless in a CAF file (what afconvert writes with <c>-d alac</c>): 'desc' gives the rate, the channels and
/// the frames per packet, 'kuki' the ALACSpecificConfig (bare, or after QuickTime's 'frma' and 'alac' atoms), 'pakt'
/// the size of every packet as a variable-length integer, and the priming and valid frames that trim the output, and
/// 'data' (after its edit count) the packets back to back. Every count is checked against the bytes that back it
/// before anything is sized by it; damage is IVR3120 saying what is wrong.
/// </summary>
internal sealed class CafAlacDecoder : IManagedDecoder
{
    private const int MaxDurationSeconds = 600;
    private const int MaxChunks = 1024;

    public string FormatName => "ALAC (CAF)";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        try
        {
            var chunks = Chunks(content);
            var description = Require(chunks, "desc", 32);
            var sampleRate = BinaryPrimitives.ReadDoubleBigEndian(content.AsSpan((int)description.Start));
            var framesPerPacket = BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan((int)description.Start + 20));
            var config = AlacConfig.Parse(Cookie(content, Require(chunks, "kuki", AlacConfig.Size)));
            if (framesPerPacket != config.FrameLength)
            {
                throw new AlacDamageException($"its 'desc' chunk declares {framesPerPacket} frames per packet, its ALAC configuration {config.FrameLength}");
            }

            var rate = config.SampleRate > 0 ? config.SampleRate : sampleRate is >= 1 and <= 384_000 ? (int)sampleRate
                : throw new AlacDamageException($"its 'desc' chunk declares the sample rate {sampleRate} Hz");
            var data = Require(chunks, "data", 4);
            var maxOutput = (long)MaxDurationSeconds * rate;
            var table = PacketTable.Read(content, Require(chunks, "pakt", 24), (int)Math.Min(int.MaxValue, (maxOutput / config.FrameLength) + 1));
            return DecodePackets(content, fileName, config, rate, table, data.Start + 4, data.End, maxOutput, cancellationToken);
        }
        catch (AlacDamageException damage)
        {
            return DecoderFailure.Damaged(fileName, FormatName, damage.Message);
        }
    }

    private DecodeResult DecodePackets(
        byte[] content, string fileName, AlacConfig config, int rate, PacketTable table, long dataStart, long dataEnd, long maxOutput,
        CancellationToken cancellationToken)
    {
        var mix = new AlacMonoMix(config, maxOutput, table.Sizes.Length);
        var offset = dataStart;
        for (var i = 0; i < table.Sizes.Length; i++)
        {
            if (i % 64 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var size = table.Sizes[i];
            if (offset + size > dataEnd)
            {
                return DecoderFailure.Damaged(fileName, FormatName, dataEnd == content.Length
                    ? $"packet {i} of {table.Sizes.Length} (bytes {offset}-{offset + size}) lies past the end of the file ({content.Length} bytes): the file is truncated"
                    : $"packet {i} of {table.Sizes.Length} (bytes {offset}-{offset + size}) lies past the end of the 'data' chunk");
            }

            try
            {
                if (!mix.Append(content, (int)offset, size))
                {
                    return DecoderFailure.Damaged(fileName, FormatName,
                        $"it decodes to more than {MaxDurationSeconds} s of audio (packet {i}), the most the engine decodes from one prompt");
                }
            }
            catch (AlacDamageException damage)
            {
                return DecoderFailure.Damaged(fileName, FormatName, $"packet {i} (byte offset {offset}) cannot be decoded: {damage.Message}");
            }

            offset += size;
        }

        var mono = mix.Mono;
        var end = table.ValidFrames > 0 ? Math.Min(mono.Count, table.Priming + table.ValidFrames) : mono.Count;
        if (table.Priming >= end)
        {
            return DecoderFailure.Damaged(fileName, FormatName, $"its packet table skips {table.Priming} priming frames of the {end} its packets hold");
        }

        return DecodeResult.Success(new DecodedAudio([.. mono.GetRange((int)table.Priming, (int)(end - table.Priming))], rate) { Clipping = mix.Clipping() });
    }

    private readonly record struct Chunk(string Type, long Start, long End);

    /// <summary>The file's chunks after the 8-byte 'caff' header: type, 64-bit size (−1 for 'data': to the end of the file).</summary>
    private static List<Chunk> Chunks(byte[] content)
    {
        var chunks = new List<Chunk>();
        long position = 8;
        while (chunks.Count < MaxChunks && position + 12 <= content.Length)
        {
            var type = System.Text.Encoding.Latin1.GetString(content, (int)position, 4);
            var size = BinaryPrimitives.ReadInt64BigEndian(content.AsSpan((int)position + 4));
            var start = position + 12;
            var end = size == -1 && type == "data" ? content.Length : size < 0 ? -1 : start + size;
            if (end < 0)
            {
                throw new AlacDamageException($"its '{type}' chunk declares the size {size}");
            }

            chunks.Add(new Chunk(type, start, Math.Min(end, content.Length)));
            position = end;
        }

        return chunks;
    }

    private static Chunk Require(List<Chunk> chunks, string type, int minimumBytes)
    {
        var chunk = chunks.FirstOrDefault(c => c.Type == type);
        return chunk.Type is null ? throw new AlacDamageException($"it has no '{type}' chunk")
            : chunk.End - chunk.Start < minimumBytes ? throw new AlacDamageException($"its '{type}' chunk is {chunk.End - chunk.Start} bytes long, too short (the file may be truncated)")
            : chunk;
    }

    private static ReadOnlySpan<byte> Cookie(byte[] content, Chunk kuki) =>
        MediaCompiler.Audio.Probing.CafProbe.AlacConfigIn(content.AsSpan((int)kuki.Start, (int)(kuki.End - kuki.Start)));

    /// <summary>'pakt': packet count, valid frames, priming and remainder frames, then each packet's size (7 bits a byte, high bit: more).</summary>
    private sealed record PacketTable(int[] Sizes, long ValidFrames, long Priming)
    {
        public static PacketTable Read(byte[] content, Chunk pakt, int maxPackets)
        {
            var header = content.AsSpan((int)pakt.Start, 24);
            var count = BinaryPrimitives.ReadInt64BigEndian(header);
            var valid = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
            var priming = BinaryPrimitives.ReadInt32BigEndian(header[16..]);
            // Each size takes at least one byte: a count the chunk cannot hold is damage, not an allocation.
            if (count <= 0 || count > pakt.End - pakt.Start - 24)
            {
                throw new AlacDamageException($"its packet table ('pakt') lists {count} packets in {pakt.End - pakt.Start - 24} bytes of sizes");
            }

            if (count > maxPackets)
            {
                throw new AlacDamageException($"its packet table lists {count} packets: more than {MaxDurationSeconds} s of audio, the most the engine decodes from one prompt");
            }

            if (valid < 0 || priming < 0)
            {
                throw new AlacDamageException($"its packet table declares {valid} valid and {priming} priming frames");
            }

            var sizes = new int[count];
            var position = (int)pakt.Start + 24;
            for (var i = 0; i < count; i++)
            {
                long size = 0;
                byte next;
                var bytes = 0;
                do
                {
                    if (position >= pakt.End || ++bytes > 4)
                    {
                        throw new AlacDamageException($"the size of packet {i} in the packet table is cut off or longer than 4 bytes");
                    }

                    next = content[position++];
                    size = (size << 7) | (next & 0x7Fu);
                }
                while ((next & 0x80) != 0);

                sizes[i] = size > 0 ? (int)size : throw new AlacDamageException($"packet {i} has the size 0 in the packet table");
            }

            return new PacketTable(sizes, valid, priming);
        }
    }
}
