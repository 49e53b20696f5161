using System.Buffers;
using System.Security.Cryptography;

namespace MediaCompiler.Audio;

/// <summary>SHA-256 content hashes in the media API's form: <c>sha256:</c> and 64 lower-case hex digits.</summary>
public static class ContentHash
{
    public const string Prefix = "sha256:";

    /// <summary>Large sequential reads keep hashing at the speed of SHA-256 itself rather than of system calls.</summary>
    private const int FileBufferSize = 1 << 20;

    private const int HexLength = SHA256.HashSizeInBytes * 2;

    /// <summary>
    /// Hashes a whole regular file (or a link to one). Throws <see cref="IOException"/> without opening anything when the
    /// path is a FIFO, device, socket or folder: opening a FIFO blocks and a device can stream forever.
    /// </summary>
    public static string OfFile(string path)
    {
        var entry = Files.FileSystemEntries.Inspect(path);
        if (!entry.IsRegularFile)
        {
            throw new IOException($"'{path}' is {entry.Description}, not a regular file");
        }

        // No FileStream buffer (bufferSize 0): each read goes straight from the OS into our 1 MiB block.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(FileBufferSize);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, FileBufferSize)) > 0)
            {
                sha.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        sha.GetHashAndReset(hash);
        return Format(hash);
    }

    /// <summary>
    /// The hash of a prompt file, or null without reading a byte when the file is not a regular file or is larger than
    /// <paramref name="maxBytes"/> (such a prompt is rejected anyway; hashing a 2 GB file would take seconds).
    /// </summary>
    public static string? OfFileWithin(string path, long maxBytes)
    {
        var entry = Files.FileSystemEntries.Inspect(path);
        return entry.IsRegularFile && entry.SizeBytes <= maxBytes ? OfFile(path) : null;
    }

    public static string Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return Format(hash);
    }

    public static string Of(Stream content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return Format(hash);
    }

    /// <summary>True when <paramref name="value"/> is <c>sha256:</c> followed by 64 lower-case hex digits (the canonical form).</summary>
    public static bool IsWellFormed(string? value)
    {
        if (value is null || value.Length != Prefix.Length + HexLength || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in value.AsSpan(Prefix.Length))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Format(ReadOnlySpan<byte> hash) => Prefix + Convert.ToHexString(hash).ToLowerInvariant();
}
