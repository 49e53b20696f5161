using System.Globalization;
using MediaCompiler.Audio;

namespace MediaCompiler.Engine.Assets;

/// <summary>
/// Asset ids are derived from the content: the first 16 bytes of the SHA-256, shown as a GUID. The same bytes get the
/// same id in every engine, before and after a reset or restart, so a build's cached id stays meaningful.
/// </summary>
public static class AssetIds
{
    /// <summary>The id of content with hash <paramref name="contentHash"/> (<c>sha256:</c> and 64 hex digits).</summary>
    public static string FromContentHash(string contentHash)
    {
        var hex = contentHash.AsSpan(ContentHash.Prefix.Length, 32);
        Span<byte> bytes = stackalloc byte[16];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = byte.Parse(hex.Slice(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return new Guid(bytes).ToString("D");
    }
}
