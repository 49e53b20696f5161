using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.Aac;

/// <summary>
/// Puts the in-process AAC-LC decoder behind the engine's decoder seam: decodes the ADTS stream and mixes it to mono.
/// HE-AAC (SBR) streams are rejected with a coded diagnostic that says how to re-encode, rather than decoded as their
/// half-bandwidth core: a prompt that silently loses its top octave is worse than a clear error.
/// </summary>
internal sealed class AdtsManagedDecoder : IManagedDecoder
{
    public string FormatName => "AAC (ADTS)";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var decoded = AdtsAacDecoder.Decode(content, fileName, AacSbrHandling.Reject);
        if (decoded.Audio is not { } audio)
        {
            return DecodeResult.Failure(decoded.Error!);
        }

        var mono = new List<float>(audio.SamplesPerChannel);
        var clipping = ChannelMixer.ClippingTracker(audio.Channels);
        ChannelMixer.AppendMono(audio.Samples, audio.Channels, mono, clipping);
        return DecodeResult.Success(new DecodedAudio([.. mono], audio.SampleRate) { Clipping = clipping?.Finish() });
    }
}
