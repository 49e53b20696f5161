using System.Buffers.Binary;

namespace MediaCompiler.Cli.Tests.Fuzz;

/// <summary>The kinds of damage, so that a run can say how many of each it made.</summary>
public enum MutationKind
{
    BitFlips,
    ByteRun,
    Truncation,
    HeaderExtreme,
    SizeLie,
    DuplicatedStructure,
    RemovedStructure,
    InsertedBytes,
}

/// <summary>
/// Damage made reproducibly from a <see cref="Random"/> with a fixed seed: bit flips, random byte runs, truncation,
/// header fields overwritten with extremes (0, all ones, the sign bit alone, the largest positive), structures whose
/// size field lies, and structures duplicated or removed. Ogg mutants get their page CRCs recomputed (all but one in
/// ten, which checks the CRC check itself), so that the damage reaches the parsers behind it.
/// </summary>
public static class Mutator
{
    private static readonly uint[] Extremes = [0, 0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 0x00008000, 0x0000FFFF, 0x000000FF, 1];

    public static (byte[] Mutant, MutationKind Kind) Mutate(FuzzSeed seed, Random random)
    {
        var structures = ContainerMap.Walk(seed.Bytes, seed.Container);
        var kind = (MutationKind)random.Next(Enum.GetValues<MutationKind>().Length);
        var mutant = Apply(seed.Bytes, structures, kind, random);
        if (seed.Container == SeedContainer.Ogg && random.Next(10) != 0)
        {
            OggPageCrc.Recompute(mutant);
        }

        return (mutant, kind);
    }

    private static byte[] Apply(byte[] original, IReadOnlyList<FileRegion> structures, MutationKind kind, Random random)
    {
        var copy = original.ToArray();
        var structure = structures.Count == 0 ? new FileRegion(0, copy.Length, Math.Min(64, copy.Length), 0, SizeEncoding.None) : Pick(structures, random);
        switch (kind)
        {
            case MutationKind.BitFlips:
                for (var flips = random.Next(1, 17); flips > 0; flips--)
                {
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                }

                return copy;
            case MutationKind.ByteRun:
                var runStart = random.Next(copy.Length);
                random.NextBytes(copy.AsSpan(runStart, Math.Min(random.Next(1, 65), copy.Length - runStart)));
                return copy;
            case MutationKind.Truncation:
                return copy[..random.Next(copy.Length)];
            case MutationKind.HeaderExtreme:
                var width = new[] { 1, 2, 4 }[random.Next(3)];
                var at = structure.Start + random.Next(Math.Max(1, structure.HeaderLength - width + 1));
                Write(copy, at, width, Extremes[random.Next(Extremes.Length)], bigEndian: random.Next(2) == 0);
                return copy;
            case MutationKind.SizeLie:
                if (structure.Size == SizeEncoding.None)
                {
                    return Apply(original, structures, MutationKind.HeaderExtreme, random);
                }

                WriteSize(copy, structure, Lie(structure, random));
                return copy;
            case MutationKind.DuplicatedStructure:
                var piece = copy.AsSpan(structure.Start, structure.Length).ToArray();
                var end = structure.Start + structure.Length;
                return [.. copy[..end], .. piece, .. copy[end..]];
            case MutationKind.RemovedStructure:
                return [.. copy[..structure.Start], .. copy[(structure.Start + structure.Length)..]];
            default:
                var insertAt = random.Next(copy.Length + 1);
                var inserted = new byte[random.Next(1, 65)];
                random.NextBytes(inserted);
                return [.. copy[..insertAt], .. inserted, .. copy[insertAt..]];
        }
    }

    /// <summary>Headers are where a lie does the most harm; most picks land on the first few structures.</summary>
    private static FileRegion Pick(IReadOnlyList<FileRegion> structures, Random random) =>
        random.Next(2) == 0 ? structures[random.Next(Math.Min(6, structures.Count))] : structures[random.Next(structures.Count)];

    private static uint Lie(FileRegion structure, Random random)
    {
        var truth = (uint)structure.Length;
        return random.Next(4) switch
        {
            0 => Extremes[random.Next(Extremes.Length)],
            1 => truth + (uint)random.Next(1, 4096),
            2 => truth - (uint)Math.Min(truth, random.Next(1, 64)),
            _ => (uint)random.Next(),
        };
    }

    private static void WriteSize(byte[] file, FileRegion structure, uint value)
    {
        switch (structure.Size)
        {
            case SizeEncoding.UInt32LittleEndian when structure.SizeAt + 4 <= file.Length:
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(structure.SizeAt), value);
                break;
            case SizeEncoding.UInt32BigEndian when structure.SizeAt + 4 <= file.Length:
                BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(structure.SizeAt), value);
                break;
            case SizeEncoding.UInt24BigEndian when structure.SizeAt + 3 <= file.Length:
                file[structure.SizeAt] = (byte)(value >> 16);
                file[structure.SizeAt + 1] = (byte)(value >> 8);
                file[structure.SizeAt + 2] = (byte)value;
                break;
            case SizeEncoding.Adts13 when structure.SizeAt + 6 <= file.Length:
                var length = (int)(value & 0x1FFF);
                file[structure.SizeAt + 3] = (byte)((file[structure.SizeAt + 3] & 0xFC) | (length >> 11));
                file[structure.SizeAt + 4] = (byte)(length >> 3);
                file[structure.SizeAt + 5] = (byte)((file[structure.SizeAt + 5] & 0x1F) | ((length & 7) << 5));
                break;
            case SizeEncoding.OggLacing when structure.SizeAt < file.Length:
                file[structure.SizeAt] = (byte)value;
                break;
        }
    }

    private static void Write(byte[] file, int at, int width, uint value, bool bigEndian)
    {
        for (var i = 0; i < width && at + i < file.Length; i++)
        {
            var shift = bigEndian ? 8 * (width - 1 - i) : 8 * i;
            file[at + i] = (byte)(value >> shift);
        }
    }
}
