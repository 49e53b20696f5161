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

    public static string OfFile(string path)
    {
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
