namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// Collects decoded blocks as interleaved samples scaled to [-1, 1] (overshoot past full scale is clipped, as a 16-bit
/// output would be), growing as needed.
/// </summary>
internal sealed class InterleavedBuffer
{
    // The filter bank works at the standard's 16-bit scale (full scale = 32768).
    private const float FullScale = 1f / 32768f;

    private readonly int _channels;
    private float[] _samples;
    private int _count;

    public InterleavedBuffer(int channels, int initialCapacity)
    {
        _channels = channels;
        _samples = new float[Math.Max(initialCapacity, 1024 * channels)];
    }

    public void Append(float[][] block)
    {
        var frames = block[0].Length;
        var needed = _count + (frames * _channels);
        if (needed > _samples.Length)
        {
            Array.Resize(ref _samples, Math.Max(needed, _samples.Length * 2));
        }

        for (var n = 0; n < frames; n++)
        {
            for (var c = 0; c < _channels; c++)
            {
                _samples[_count++] = Math.Clamp(block[c][n] * FullScale, -1f, 1f);
            }
        }
    }

    public float[] ToArray() => _samples.AsSpan(0, _count).ToArray();
}
