using System.Buffers.Binary;
using System.Text;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;

namespace MediaCompiler.Codecs.Tests.Containers;

/// <summary>
/// AIFF-C compression types ffmpeg does not write but Apple's tools do: 'in24' and 'in32' (big-endian integers, as
/// 'NONE'), and 'raw ' (8-bit unsigned). Built here byte by byte after the AIFF-C specification, from known samples.
/// </summary>
public sealed class AifcCompressionTypeTests
{
    [Theory]
    [InlineData("in24", 24, "pcm_s24be")]
    [InlineData("in32", 32, "pcm_s32be")]
    [InlineData("raw ", 8, "pcm_u8")]
    public void The_samples_are_read_as_their_type_says(string type, int bits, string codec)
    {
        float[] expected = [0f, 0.5f, -0.5f, 0.25f];
        var file = Aifc(type, bits, expected, 8000);
        var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), "prompt.aifc");

        var result = PromptDecoder.Decode(file, "prompt.aifc", probe);

        Assert.Equal(codec, probe.Codec);
        Assert.Null(result.Error);
        Assert.Equal(expected, result.Audio!.Samples);
    }

    /// <summary>
    /// IMA ADPCM ('ima4', as QuickTime and ffmpeg write it): COMM counts 64-frame packets, not frames, so the duration is
    /// 64 times the count (ffprobe's reading). No in-process decoder: refused with the format named, not called damaged.
    /// </summary>
    [MediaCompiler.TestSupport.FfmpegFact]
    public void Ima4_counts_packets_of_64_frames()
    {
        var directory = Directory.CreateTempSubdirectory("aifc-").FullName;
        try
        {
            var path = Path.Combine(directory, "prompt.aifc");
            MediaCompiler.TestSupport.Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=300:sample_rate=8000:duration=3", "-c:a", "adpcm_ima_qt", "-f", "aiff", path);
            var file = File.ReadAllBytes(path);

            var probe = AudioProbe.Probe(new MemoryStream(file, writable: false), "prompt.aifc");

            Assert.Equal("adpcm_ima_qt", probe.Codec);
            Assert.Equal(3.0, probe.DurationSeconds ?? 0, 3);
            Assert.Equal("IVR3121", PromptDecoder.Decode(file, "prompt.aifc", probe).Error?.Code);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static byte[] Aifc(string type, int bits, float[] samples, int rate)
    {
        int bytes = bits / 8;
        var data = new byte[samples.Length * bytes];
        for (int i = 0; i < samples.Length; i++)
        {
            long full = 1L << (bits - 1);
            long value = bits == 8 ? (long)(samples[i] * 128) + 128 : (long)(samples[i] * full);
            for (int b = 0; b < bytes; b++)
            {
                data[(i * bytes) + b] = (byte)(value >> (8 * (bytes - 1 - b)));
            }
        }

        var comm = new byte[18 + 4 + 2];
        BinaryPrimitives.WriteInt16BigEndian(comm, 1);
        BinaryPrimitives.WriteUInt32BigEndian(comm.AsSpan(2), (uint)samples.Length);
        BinaryPrimitives.WriteInt16BigEndian(comm.AsSpan(6), (short)bits);
        // 8000 as an 80-bit extended float: exponent 16383 + 12, mantissa 8000 << (63 - 12).
        BinaryPrimitives.WriteUInt16BigEndian(comm.AsSpan(8), 16383 + 12);
        BinaryPrimitives.WriteUInt64BigEndian(comm.AsSpan(10), (ulong)rate << (63 - 12));
        Encoding.ASCII.GetBytes(type).CopyTo(comm, 18);
        // An empty Pascal string for the compression name, padded to an even length.
        var body = new List<byte>();
        body.AddRange("AIFC"u8.ToArray());
        body.AddRange(Chunk("COMM", comm));
        body.AddRange(Chunk("SSND", [.. new byte[8], .. data]));
        var file = new List<byte>();
        file.AddRange("FORM"u8.ToArray());
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, (uint)body.Count);
        file.AddRange(size);
        file.AddRange(body);
        return [.. file];
    }

    private static byte[] Chunk(string id, byte[] payload)
    {
        var chunk = new byte[8 + payload.Length + (payload.Length & 1)];
        Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(chunk, 8);
        return chunk;
    }
}
