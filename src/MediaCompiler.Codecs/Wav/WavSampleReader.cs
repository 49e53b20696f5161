using System.Buffers.Binary;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Codecs.Loudness;

namespace MediaCompiler.Codecs.Wav;

/// <summary>
/// Reads the samples of a WAV (RIFF, RIFX or RF64), AIFF, CAF or AU file, or of headerless samples, whose header the probe has already read: the probe's data
/// offset and size say where the samples are, its codec how they are stored. Mixes every channel down to mono.
/// </summary>
public static class WavSampleReader
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "pcm_u8", "pcm_s8", "pcm_s16le", "pcm_s24le", "pcm_s32le", "pcm_f32le", "pcm_f64le", "mulaw", "alaw",
    };

    /// <summary>True when the samples of this codec are decoded here (no ffmpeg needed).</summary>
    public static bool CanDecode(AudioProbeResult probe) =>
        probe.Container is AudioContainer.Wav or AudioContainer.Rifx or AudioContainer.Rf64 or AudioContainer.Aiff or AudioContainer.Caf or AudioContainer.Au or AudioContainer.Raw
        && probe.Codec is not null && Supported.Contains(LittleEndianName(probe.Codec));

    /// <summary>
    /// Decodes the samples. A data chunk that claims more bytes than the file holds is read as far as it goes (the
    /// caller compares the decoded length with the header's). Throws <see cref="InvalidDataException"/> when the header
    /// values cannot describe samples.
    /// </summary>
    public static DecodedAudio Read(ReadOnlySpan<byte> file, AudioProbeResult probe)
    {
        if (!CanDecode(probe))
        {
            throw new InvalidDataException($"the WAV codec '{probe.Codec ?? "unknown"}' is not one the engine reads");
        }

        int channels = probe.Channels ?? 0;
        int sampleRate = probe.SampleRate ?? 0;
        if (channels < 1 || sampleRate < 1 || probe.AudioDataOffset is not long offset || offset < 0 || offset > file.Length)
        {
            throw new InvalidDataException("the WAV header gives no usable channel count, sample rate or data position");
        }

        string codec = LittleEndianName(probe.Codec!);
        bool bigEndian = probe.BigEndian || probe.Codec!.EndsWith("be", StringComparison.Ordinal);
        int bytesPerSample = BytesPerSample(codec);
        int frameBytes = bytesPerSample * channels;
        long declared = probe.AudioDataBytes ?? (file.Length - offset);
        long available = Math.Min(declared, file.Length - offset);
        long frames = available / frameBytes;
        if (frames > int.MaxValue)
        {
            throw new InvalidDataException("the data chunk is too large");
        }

        var data = file.Slice((int)offset, (int)(frames * frameBytes));
        var mono = new float[frames];
        float channelShare = 1f / channels;
        var read = SampleReaderFor(codec, bigEndian); // chosen once: a per-sample codec switch costs more than the decoding
        if (channels == 1)
        {
            for (int frame = 0; frame < frames; frame++)
            {
                mono[frame] = read(data.Slice(frame * frameBytes, bytesPerSample));
            }

            return new DecodedAudio(mono, sampleRate);
        }

        var clipping = new ChannelClipping.Tracker(channels);
        for (int frame = 0; frame < frames; frame++)
        {
            float sum = 0;
            for (int channel = 0; channel < channels; channel++)
            {
                var bytes = data.Slice((frame * frameBytes) + (channel * bytesPerSample), bytesPerSample);
                float sample = read(bytes);
                clipping.Add(channel, sample);
                sum += sample;
            }

            mono[frame] = sum * channelShare;
        }

        return new DecodedAudio(mono, sampleRate) { Clipping = clipping.Finish() };
    }

    /// <summary>RIFX files may name their codec by byte order (pcm_s16be); the byte order is applied separately.</summary>
    private static string LittleEndianName(string codec) =>
        codec.StartsWith("pcm_", StringComparison.Ordinal) && codec.EndsWith("be", StringComparison.Ordinal) ? codec[..^2] + "le" : codec;

    private static int BytesPerSample(string codec) => codec switch
    {
        "pcm_u8" or "pcm_s8" or "mulaw" or "alaw" => 1,
        "pcm_s16le" => 2,
        "pcm_s24le" => 3,
        "pcm_s32le" or "pcm_f32le" => 4,
        _ => 8,
    };

    private delegate float SampleReader(ReadOnlySpan<byte> bytes);

    private static SampleReader SampleReaderFor(string codec, bool bigEndian) => (codec, bigEndian) switch
    {
        ("pcm_u8", _) => bytes => (bytes[0] - 128) / 128f,
        ("pcm_s8", _) => bytes => (sbyte)bytes[0] / 128f,
        ("mulaw", _) => bytes => Pcm16.ToFloat(G711MuLaw.Decode(bytes[0])),
        ("alaw", _) => bytes => Pcm16.ToFloat(G711ALaw.Decode(bytes[0])),
        ("pcm_s16le", false) => bytes => Pcm16.ToFloat(BinaryPrimitives.ReadInt16LittleEndian(bytes)),
        ("pcm_s16le", true) => bytes => Pcm16.ToFloat(BinaryPrimitives.ReadInt16BigEndian(bytes)),
        ("pcm_s24le", _) => bytes => ReadInt24(bytes, bigEndian) / 8388608f,
        ("pcm_s32le", _) => bytes => (bigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes)) / 2147483648f,
        ("pcm_f32le", _) => bytes => Finite(bigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes)),
        _ => bytes => Finite((float)(bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes))),
    };

    private static int ReadInt24(ReadOnlySpan<byte> bytes, bool bigEndian)
    {
        int value = bigEndian
            ? (bytes[0] << 16) | (bytes[1] << 8) | bytes[2]
            : (bytes[2] << 16) | (bytes[1] << 8) | bytes[0];
        return (value << 8) >> 8; // sign-extend from 24 bits
    }

    /// <summary>Float WAVs may hold NaN or infinities; they would poison the filter, so they count as silence.</summary>
    private static float Finite(float value) => float.IsFinite(value) ? value : 0f;
}
