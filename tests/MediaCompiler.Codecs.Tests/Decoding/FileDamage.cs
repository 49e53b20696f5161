namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// The damage the decoder tests do to a good file, by name: cut short, cut inside its first frame, noise or zeros in
/// its middle, or (any other name) everything after its first 200 bytes (the headers) replaced by noise. The noise is
/// seeded by the name, so every run damages a file the same way.
/// </summary>
internal static class FileDamage
{
    /// <summary>The damage every container's decoder is put through (each named as <see cref="Apply"/> knows it).</summary>
    public static TheoryData<string> Common => ["cut-at-1/3", "cut-at-header", "noise-in-middle", "zeros-in-middle", "headers-only-noise"];

    public static byte[] Apply(byte[] bytes, string damage)
    {
        var copy = bytes.ToArray();
        var random = new Random(damage.Length * 7919);
        switch (damage)
        {
            case "cut-at-1/3":
                return copy[..(copy.Length / 3)];
            case "cut-at-header" or "cut-inside-the-first-frame":
                return copy[..Math.Min(copy.Length, 60)];
            case "noise-in-middle":
                random.NextBytes(copy.AsSpan(copy.Length / 3, copy.Length / 3));
                return copy;
            case "zeros-in-middle":
                copy.AsSpan(copy.Length / 2, Math.Min(4000, copy.Length / 4)).Clear();
                return copy;
            default:
                random.NextBytes(copy.AsSpan(Math.Min(200, copy.Length)));
                return copy;
        }
    }
}
