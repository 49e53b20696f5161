using MediaCompiler.Diagnostics;

namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>Decoded AAC audio: interleaved float samples in [-1, 1] (channel order as in the stream).</summary>
/// <param name="SampleRate">Samples per second of the decoded (AAC-LC core) signal.</param>
/// <param name="Channels">Interleaved channels.</param>
/// <param name="Samples">Interleaved samples; 1024 per channel for every raw data block, from the first one (no delay trimmed).</param>
/// <param name="FrameCount">Raw data blocks decoded (ADTS frames usually hold one).</param>
/// <param name="SbrIgnored">
/// The stream carried SBR data (implicitly signalled HE-AAC) and the caller asked for the AAC-LC core alone: the audio
/// is at the core rate and half the bandwidth the encoder meant.
/// </param>
public sealed record AacAudio(int SampleRate, int Channels, float[] Samples, int FrameCount, bool SbrIgnored)
{
    public int SamplesPerChannel => Channels == 0 ? 0 : Samples.Length / Channels;
}

/// <summary>Either decoded audio or the coded reason there is none.</summary>
public sealed record AacDecodeResult(AacAudio? Audio, Diagnostic? Error)
{
    public static AacDecodeResult Success(AacAudio audio) => new(audio, null);

    public static AacDecodeResult Failure(Diagnostic error) => new(null, error);
}

/// <summary>What the decoder does with a stream that carries SBR data (HE-AAC with implicit signalling in ADTS).</summary>
public enum AacSbrHandling
{
    /// <summary>Reject it with IVR3143: the AAC-LC core alone is not what the encoder meant to be heard.</summary>
    Reject,

    /// <summary>Decode the AAC-LC core and report <see cref="AacAudio.SbrIgnored"/>.</summary>
    DecodeCoreOnly,
}
