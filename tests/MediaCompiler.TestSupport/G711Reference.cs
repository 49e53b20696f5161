using NAudio.Codecs;

namespace MediaCompiler.TestSupport;

/// <summary>
/// NAudio's G.711 decoders: the independent oracle that judges what our engine compiled (our decoder is not asked
/// to judge our encoder).
/// </summary>
public static class G711Reference
{
    /// <summary>The 16-bit samples of G.711 bytes.</summary>
    public static short[] Decode(ReadOnlySpan<byte> data, bool muLaw)
    {
        var samples = new short[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            samples[i] = muLaw ? MuLawDecoder.MuLawToLinearSample(data[i]) : ALawDecoder.ALawToLinearSample(data[i]);
        }
        return samples;
    }

    /// <summary>The samples of a G.711 WAV's data chunk, as -1..1; the format tag says which law.</summary>
    public static float[] DecodeToFloats(ReadOnlySpan<byte> data, int formatTag) =>
        formatTag switch
        {
            WavWriter.MuLawTag => Array.ConvertAll(Decode(data, muLaw: true), s => s / 32768f),
            WavWriter.ALawTag => Array.ConvertAll(Decode(data, muLaw: false), s => s / 32768f),
            _ => throw new InvalidDataException($"Format tag {formatTag} is not G.711 (6 = A-law, 7 = mu-law)."),
        };
}
