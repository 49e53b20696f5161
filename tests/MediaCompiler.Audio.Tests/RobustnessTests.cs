using System.Buffers.Binary;
using MediaCompiler.Audio.Rules;

namespace MediaCompiler.Audio.Tests;

/// <summary>
/// Mutates the fixture corpus (bit flips, truncation at every header boundary and at random lengths, overwritten size
/// fields, splices, random bytes behind real magic numbers) with a fixed seed and checks that every case ends in a
/// verdict: no exception, no internal-error diagnostic, and a rejection always explained by an error.
/// </summary>
public class RobustnessTests
{
    private const int Seed = 20261124;
    private const int RandomCases = 100_000;

    /// <summary>Magic numbers that send random bytes down each parser's path.</summary>
    private static readonly byte[][] Magics =
    [
        "RIFF\0\0\0\0WAVEfmt "u8.ToArray(), "RIFX\0\0\0\0WAVE"u8.ToArray(), [.. "RF64"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVEds64"u8],
        "OggS\0\u0002"u8.ToArray(), "ID3\u0004\0\0"u8.ToArray(), "fLaC\0\0\0\u0022"u8.ToArray(), "\0\0\0\u0018ftypM4A "u8.ToArray(),
        [0xFF, 0xF3, 0x84, 0xC4], [0xFF, 0xF1, 0x60, 0x40], [0xFF, 0xFB, 0x90, 0x64], "ADIF"u8.ToArray(),
    ];

    [Fact]
    public void Truncation_at_every_header_boundary_ends_in_a_verdict()
    {
        var cases = 0;
        foreach (var (name, bytes) in Corpus())
        {
            foreach (var length in HeaderBoundaries(bytes))
            {
                AssertVerdict(bytes.AsMemory(0, length), name);
                cases++;
            }
        }

        Assert.True(cases > 1000, $"only {cases} boundary cases");
    }

    [Fact]
    public void Every_streaming_size_placeholder_in_every_wav_ends_in_a_verdict()
    {
        // The placeholder reading (issue #10) on every WAV-family fixture: RIFF and data sizes set to what pipe writers
        // put there, and to values just past them, alone and together.
        uint[] placeholders = [0, 1, 0x7FFEFFFF, 0x7FFF0000, 0x7FFFF000, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];
        var cases = 0;
        foreach (var (name, original) in Corpus().Where(c => c.Bytes.Length > 12 && c.Bytes.AsSpan(8, 4).SequenceEqual("WAVE"u8)))
        {
            var dataField = original.AsSpan().IndexOf("data"u8) + 4;
            var bigEndian = original.AsSpan(0, 4).SequenceEqual("RIFX"u8);
            foreach (var riff in placeholders)
            {
                foreach (var data in placeholders)
                {
                    var bytes = (byte[])original.Clone();
                    WriteSize(bytes, 4, riff, bigEndian);
                    if (dataField >= 4 && dataField + 4 <= bytes.Length)
                    {
                        WriteSize(bytes, dataField, data, bigEndian);
                    }

                    AssertVerdict(bytes, name);
                    cases++;
                }
            }
        }

        Assert.True(cases > 500, $"only {cases} placeholder cases");
    }

    private static void WriteSize(byte[] bytes, int at, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
        }
        else
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
        }
    }

    [Fact]
    public void A_hundred_thousand_mutations_end_in_a_verdict()
    {
        var random = new Random(Seed);
        var corpus = Corpus();
        var scratch = new byte[corpus.Max(c => c.Bytes.Length) * 2 + 8192];
        var accepted = 0;
        for (var i = 0; i < RandomCases; i++)
        {
            var (name, original) = corpus[random.Next(corpus.Count)];
            var length = Mutate(random, original, corpus[random.Next(corpus.Count)].Bytes, scratch);
            // Now and then a name from another fixture, so every extension meets every content.
            var displayName = random.Next(8) == 0 ? corpus[random.Next(corpus.Count)].Name : name;
            if (AssertVerdict(scratch.AsMemory(0, length), displayName))
            {
                accepted++;
            }
        }

        // Sanity: mutations are not all fatal (a flipped sample bit leaves a valid prompt), nor all harmless.
        Assert.InRange(accepted, RandomCases / 100, RandomCases - (RandomCases / 10));
    }

    private static bool AssertVerdict(ReadOnlyMemory<byte> content, string name)
    {
        var stream = new ReadOnlyMemoryStream(content);
        var validation = PromptValidator.Validate(stream, name);

        Assert.DoesNotContain(validation.Diagnostics, d => d.Code == "IVR1099");
        Assert.True(validation.IsValid || validation.Diagnostics.Any(d => d.IsError), $"{name}: rejected without an error");
        Assert.True(validation.Probe.Container != AudioContainer.Unknown || !validation.IsValid, $"{name}: unknown content accepted");
        return validation.IsValid;
    }

    private static int Mutate(Random random, byte[] original, byte[] other, byte[] scratch)
    {
        var length = original.Length;
        original.CopyTo(scratch, 0);
        switch (random.Next(7))
        {
            case 0: // A few bit flips, mostly in the headers.
                for (var n = random.Next(1, 9); n > 0; n--)
                {
                    var at = random.Next(2) == 0 ? random.Next(Math.Min(length, 512)) : random.Next(length);
                    scratch[at] ^= (byte)(1 << random.Next(8));
                }

                return length;
            case 1: // Truncation at a random length.
                return random.Next(length + 1);
            case 2: // A size-like field overwritten with an extreme value.
            {
                var at = random.Next(Math.Max(1, Math.Min(length, 256) - 4));
                uint[] extremes = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE, (uint)random.Next()];
                BinaryPrimitives.WriteUInt32LittleEndian(scratch.AsSpan(at), extremes[random.Next(extremes.Length)]);
                return Math.Max(length, at + 4);
            }

            case 3: // A run of bytes overwritten with 0x00, 0xFF or noise.
            {
                var at = random.Next(length);
                var run = Math.Min(random.Next(1, 64), length - at);
                var fill = random.Next(3);
                for (var k = 0; k < run; k++)
                {
                    scratch[at + k] = fill switch { 0 => 0, 1 => 0xFF, _ => (byte)random.Next(256) };
                }

                return length;
            }

            case 4: // The head of one file spliced onto the tail of another.
            {
                var head = random.Next(length + 1);
                var tail = random.Next(other.Length + 1);
                other.AsSpan(other.Length - tail).CopyTo(scratch.AsSpan(head));
                return head + tail;
            }

            case 5: // Random bytes behind a real magic number.
            {
                var magic = Magics[random.Next(Magics.Length)];
                var size = random.Next(magic.Length, 4096);
                random.NextBytes(scratch.AsSpan(0, size));
                magic.CopyTo(scratch, 0);
                return size;
            }

            default: // Pure random bytes of random length (including none).
            {
                var size = random.Next(0, 2048);
                random.NextBytes(scratch.AsSpan(0, size));
                return size;
            }
        }
    }

    /// <summary>
    /// Offsets around every structure a parser reads: each of the first 128 bytes, and a window around each chunk id,
    /// tag, page capture pattern, VBR header and frame sync found in the file.
    /// </summary>
    private static SortedSet<int> HeaderBoundaries(byte[] bytes)
    {
        var offsets = new SortedSet<int>(Enumerable.Range(0, Math.Min(bytes.Length, 128)));
        byte[][] markers = ["fmt "u8.ToArray(), "data"u8.ToArray(), "LIST"u8.ToArray(), "fact"u8.ToArray(), "ds64"u8.ToArray(),
            "OggS"u8.ToArray(), "Xing"u8.ToArray(), "Info"u8.ToArray(), "VBRI"u8.ToArray(), "TAG"u8.ToArray(), "moov"u8.ToArray()];
        var syncs = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var isSync = bytes[i] == 0xFF && i + 1 < bytes.Length && (bytes[i + 1] & 0xE0) == 0xE0 && syncs++ < 16;
            if (isSync || markers.Any(m => bytes.AsSpan(i).StartsWith(m)))
            {
                for (var d = -2; d <= 60; d++)
                {
                    offsets.Add(Math.Clamp(i + d, 0, bytes.Length));
                }
            }
        }

        offsets.Add(bytes.Length);
        return offsets;
    }

    /// <summary>Every fixture except the one that only exists to be over 2 MiB.</summary>
    private static List<(string Name, byte[] Bytes)> Corpus() =>
        FixtureCorpus.Expected
            .Where(e => e.Value.Size < 1_000_000)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => (e.Key, File.ReadAllBytes(FixtureCorpus.PathOf(e.Key))))
            .ToList();

    /// <summary>A seekable read-only view of memory, so that no case copies its bytes again.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> content) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => content.Length;

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= content.Length)
            {
                return 0;
            }

            var n = (int)Math.Min(buffer.Length, content.Length - _position);
            content.Span.Slice((int)_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => content.Length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
