using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio;

/// <summary>
/// What a probe found in a file's headers. Values that do not apply or could not be read are null.
/// </summary>
public sealed record AudioProbeResult
{
    /// <summary>The path (or display name) the probe was given.</summary>
    public required string Path { get; init; }

    /// <summary>The whole file's size in bytes.</summary>
    public long SizeBytes { get; init; }

    public AudioContainer Container { get; init; }

    /// <summary>
    /// Stable lower-case codec name: pcm_u8, pcm_s16le, pcm_s24le, pcm_s32le, pcm_f32le, pcm_f64le, mulaw, alaw,
    /// adpcm_ms, adpcm_ima, gsm_ms, g722, mp3, mp2, mp1, aac, vorbis, opus, flac, speex, or "unknown(0x....)".
    /// </summary>
    public string? Codec { get; init; }

    /// <summary>A human description, e.g. "16-bit linear PCM", "MPEG-1 Layer III", "AAC LC".</summary>
    public string? CodecDescription { get; init; }

    /// <summary>
    /// The sample rate the prompt rules judge: the rate the audio was made at. For Opus this is OpusHead's input
    /// sample rate, because every Opus stream decodes at 48 kHz whatever its source (judging the decode rate would
    /// reject every Opus file, and it says nothing about the audio's bandwidth); see <see cref="DecodedSampleRate"/>.
    /// </summary>
    public int? SampleRate { get; init; }

    /// <summary>
    /// The rate a decoder outputs when it differs from <see cref="SampleRate"/>: 48,000 Hz for Opus (RFC 7845: granule
    /// positions count 48 kHz samples). Null for every other codec.
    /// </summary>
    public int? DecodedSampleRate { get; init; }

    public int? Channels { get; init; }

    public int? BitsPerSample { get; init; }

    /// <summary>Average bitrate in bits per second.</summary>
    public long? Bitrate { get; init; }

    public double? DurationSeconds { get; init; }

    /// <summary>Bytes of audio payload (WAV data chunk, MP3/ADTS frames, Ogg pages).</summary>
    public long? AudioDataBytes { get; init; }

    /// <summary>
    /// For WAV/RIFX/RF64: the byte offset of the data chunk's payload, so that a decoder (the engine) reads the samples
    /// without walking the chunks again. Null for other containers.
    /// </summary>
    public long? AudioDataOffset { get; init; }

    /// <summary>For WAV: true when the sample bytes are big-endian (RIFX).</summary>
    public bool BigEndian { get; init; }

    /// <summary>Structural problems met while probing (truncation, missing chunks, unreadable file...).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = Array.Empty<Diagnostic>();
}
