using MediaCompiler.Audio;

namespace MediaCompiler.Codecs.Decoding.Mp3;

/// <summary>
/// MPEG audio inside a WAV: format 0x0055 (MPEG Layer III, as Windows' ACM MP3 codec and some call recorders write
/// it) and 0x0050 (MPEG Layer I/II, broadcast WAV). The data chunk holds plain MPEG frames, so it is decoded by the
/// same decoders as an .mp3 or .mp2 file; the layer of a 0x0050 payload is read from its frames.
/// </summary>
internal static class MpegWavDecoder
{
    private static readonly IManagedDecoder Layer3 = new Mp3Decoder();
    private static readonly IManagedDecoder Layer2 = new MpegLayerIIDecoder(layer: 2);
    private static readonly IManagedDecoder Layer1 = new MpegLayerIIDecoder(layer: 1);

    public static bool CanDecode(AudioProbeResult probe) => probe.Container is AudioContainer.Wav or AudioContainer.Rf64 or AudioContainer.Rifx && probe.Codec is "mp3" or "mp2";

    public static DecodeResult Decode(byte[] file, string fileName, AudioProbeResult probe, CancellationToken cancellationToken)
    {
        if (probe.AudioDataOffset is not long offset || offset > file.Length)
        {
            return DecoderFailure.Damaged(fileName, "MPEG in WAV", "the WAV has no data chunk to decode");
        }

        long available = Math.Min(probe.AudioDataBytes ?? (file.Length - offset), file.Length - offset);
        var payload = file.AsSpan((int)offset, (int)available).ToArray();
        var decoder = probe.Codec == "mp3" ? Layer3
            : MpegStreamStart.Find(payload, layer: 2).Offset >= 0 ? Layer2
            : Layer1;
        return decoder.Decode(payload, fileName, cancellationToken);
    }
}
