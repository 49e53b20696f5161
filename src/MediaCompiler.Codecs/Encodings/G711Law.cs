namespace MediaCompiler.Codecs.Encodings;

/// <summary>The two G.711 companding laws, with their WAVE format tags.</summary>
public enum G711Law
{
    /// <summary>mu-law (PCMU, "ulaw"): WAVE_FORMAT_MULAW = 7.</summary>
    MuLaw = 7,
    /// <summary>A-law (PCMA, "alaw"): WAVE_FORMAT_ALAW = 6.</summary>
    ALaw = 6,
}

/// <summary>Encodes whole buffers with either law.</summary>
public static class G711
{
    public static byte[] Encode(ReadOnlySpan<short> samples, G711Law law)
    {
        var codes = new byte[samples.Length];
        if (law == G711Law.MuLaw)
        {
            G711MuLaw.Encode(samples, codes);
        }
        else
        {
            G711ALaw.Encode(samples, codes);
        }

        return codes;
    }

    public static short[] Decode(ReadOnlySpan<byte> codes, G711Law law)
    {
        var samples = new short[codes.Length];
        if (law == G711Law.MuLaw)
        {
            G711MuLaw.Decode(codes, samples);
        }
        else
        {
            G711ALaw.Decode(codes, samples);
        }

        return samples;
    }

    /// <summary>
    /// The law a wire encoding name stands for: ulaw/pcmu are mu-law, alaw/pcma are A-law (any case). False for
    /// anything else.
    /// </summary>
    public static bool TryParseEncoding(string? encoding, out G711Law law)
    {
        switch (encoding?.Trim().ToLowerInvariant())
        {
            case "ulaw":
            case "pcmu":
                law = G711Law.MuLaw;
                return true;
            case "alaw":
            case "pcma":
                law = G711Law.ALaw;
                return true;
            default:
                law = default;
                return false;
        }
    }
}
