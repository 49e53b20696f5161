using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Codecs.Wav;
using MediaCompiler.Diagnostics;
using NVorbis;

namespace MediaCompiler.Codecs.Decoding.Vorbis;

/// <summary>
/// Decodes Ogg Vorbis with NVorbis (managed). NVorbis honours the start's granule positions; the end's trimming is
/// done here (<see cref="VorbisEndOfStream"/>), because NVorbis's own never returns on a granule that lies.
/// </summary>
internal sealed class VorbisDecoder : IManagedDecoder
{
    private const int BlockFrames = 4096;

    /// <summary>Why a stream of more than two channels is not decoded here (IVR3121's reason; see PromptDecoder.NeedsExternalDecoder).</summary>
    internal static string SurroundRefusal(int channels, string aside = "") => $" with {channels} channels (the in-process Vorbis decoder reads mono and stereo streams{aside})";

    public string FormatName => "Ogg Vorbis";

    public DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        var mono = new List<float>();
        ChannelClipping.Tracker? clipping = null;
        int sampleRate;
        try
        {
            // NVorbis sizes its tables from the headers' counts: those the packets cannot pay for are refused first.
            if (VorbisSetupCheck.Check(content) is { } damage)
            {
                return DecoderFailure.Damaged(fileName, FormatName, damage);
            }

            var (unflagged, endGranule) = VorbisEndOfStream.Unflag(content);
            using var reader = new VorbisReader(new MemoryStream(unflagged, writable: false), closeOnDispose: true);
            int channels = reader.Channels;
            sampleRate = reader.SampleRate;
            if (channels > 2)
            {
                // The probe routes these to ffmpeg (PromptDecoder.NeedsExternalDecoder): NVorbis decodes them wrongly.
                return DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.DecodeFormatNotDecodable, fileName, fileName, FormatName, SurroundRefusal(channels)));
            }

            if (channels < 1 || sampleRate < 1)
            {
                return DecoderFailure.Damaged(fileName, FormatName, $"its identification header gives {channels} channel(s) at {sampleRate} Hz");
            }

            var block = new float[BlockFrames * channels];
            clipping = ChannelMixer.ClippingTracker(channels);
            int read;
            while ((read = reader.ReadSamples(block, 0, block.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ChannelMixer.AppendMono(block.AsSpan(0, read), channels, mono, clipping);
            }

            if (endGranule is { } end && end >= 0)
            {
                // The last granule is the position of the stream's last sample: whatever was decoded past it is the
                // encoder's padding. Positions count from where the reader started (after any leading trim).
                // NVorbis's position can trail what it returned (by the last packet's overlap once the end-of-stream
                // flag is cleared: 128 samples on a 16 kHz stereo q6 file), never lead it, so a start below zero is 0.
                var start = Math.Max(0, reader.SamplePosition - mono.Count);
                var keep = end - start;
                if (keep < 0)
                {
                    return DecoderFailure.Damaged(fileName, FormatName, $"its last page ends at sample {end}, before its audio begins (sample {start})");
                }

                if (keep < mono.Count)
                {
                    mono.RemoveRange((int)keep, mono.Count - (int)keep);
                }
            }
        }
        catch (Exception e) when (DecoderFailure.IsInputFault(e))
        {
            return DecoderFailure.Thrown(fileName, FormatName, e);
        }

        return DecodeResult.Success(new DecodedAudio([.. mono], sampleRate) { Clipping = clipping?.Finish() });
    }
}
