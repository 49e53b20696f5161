using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Dsp;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Codecs.Wav;
using MediaCompiler.Diagnostics;
using MediaCompiler.Platforms.Rules;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline.Genesys;

/// <summary>The bytes a prompt uploads: its own file, or the WAV converted from it under obj/; hashed as uploaded.</summary>
public sealed record UploadSource(string Path, string ContentHash, long Bytes, int SampleRate, bool Converted)
{
    /// <summary>What levelling did (IVR1608 when it had to limit or fall short), reported on the prompt; null: not levelled.</summary>
    public Diagnostic? LevelWarning { get; init; }
}

/// <summary>Either the upload source of a prompt or the coded reason there is none.</summary>
public sealed record ConversionOutcome(UploadSource? Source, Diagnostic? Error);

/// <summary>
/// Prepares what a prompt uploads, so that what leaves the machine is what the media API's engine would have made of
/// it: a WAV that Genesys transcodes as it is goes as it is, unless normalizeVolume must level it; anything else the
/// validation step let through (MP3, AAC, Ogg, other rates, stereo, 24-bit) is decoded, resampled to 16 kHz when the
/// source has it (else 8 kHz) and, with normalizeVolume, brought to the target P.56 speech level by the same
/// normaliser and meter as the engine's; the result is a 16-bit PCM mono WAV the platform is known to accept. The hash
/// is of the uploaded bytes, which is what the resource's tag must match next time.
/// </summary>
public static class UploadConversion
{
    /// <summary>A source already this close to the target level (dB) is uploaded as it is: a gain this small is no change.</summary>
    public const double LevelToleranceDb = 0.5;

    /// <param name="levelTargetDbov">normalizeVolume's target (IvrTargetSpeechLevel); null when normalizeVolume is off.</param>
    public static ConversionOutcome Prepare(ValidatedPrompt prompt, string workDirectory, double? levelTargetDbov, CancellationToken cancellationToken)
    {
        var input = prompt.Input;
        var probe = prompt.Probe;
        var acceptedAsIs = GenesysPromptRules.IsAcceptedAsIs(probe);
        if (acceptedAsIs && levelTargetDbov is null)
        {
            return AsIs(input, probe);
        }

        var decoded = PromptDecoder.Decode(File.ReadAllBytes(input.Path), input.Path, probe, cancellationToken);
        if (decoded.Audio is not { } audio)
        {
            return Failed(input, decoded.Error?.Message ?? "the decoder gave no audio", probe.SampleRate);
        }
        if (acceptedAsIs && IsAtLevel(audio.Samples, audio.SampleRate, levelTargetDbov!.Value))
        {
            return AsIs(input, probe);
        }

        var rate = GenesysPromptRules.TargetRate(audio.SampleRate);
        if (!Resampler.CanConvert(audio.SampleRate, rate))
        {
            return Failed(input, $"{audio.SampleRate} Hz cannot be resampled to {rate} Hz", audio.SampleRate);
        }

        var samples = audio.SampleRate == rate ? audio.Samples.ToArray() : Resampler.Create(audio.SampleRate, rate).Process(audio.Samples);
        Diagnostic? levelWarning = null;
        if (levelTargetDbov is { } target)
        {
            levelWarning = SpeechLevelNormalizer.Normalize(samples, rate, target).ToWarning(input.Path);
        }
        // What is uploaded must still be a prompt: never send empty or inaudible audio to the platform.
        if (TelephoneSilence.Check(input.Path, new DecodedAudio(samples, rate)) is { } silent)
        {
            return new ConversionOutcome(null, silent);
        }

        var bytes = Pcm16WavWriter.Write(samples, rate);
        // One file per resource: two languages of one name never share a converted file.
        var destination = Path.Combine(workDirectory, input.Language ?? "und", (input.PromptName ?? input.NodeId) + ".wav");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        AtomicFile.WriteAllBytes(destination, bytes);
        return new ConversionOutcome(new UploadSource(destination, ContentHash.Of(bytes), bytes.Length, rate, true) { LevelWarning = levelWarning }, null);
    }

    /// <summary>Whether the source's P.56 level is already at the target (or it has no speech to level).</summary>
    private static bool IsAtLevel(float[] samples, int sampleRate, double targetDbov) =>
        SpeechVoltmeter.Measure(samples, sampleRate).ActiveSpeechLevelDbov is not { } level || Math.Abs(level - targetDbov) <= LevelToleranceDb;

    private static ConversionOutcome AsIs(PromptInput input, AudioProbeResult probe) =>
        new(new UploadSource(input.Path, ContentHash.OfFile(input.Path), probe.SizeBytes, probe.SampleRate!.Value, false), null);

    private static ConversionOutcome Failed(PromptInput input, string reason, int? sampleRate) =>
        new(null, Diagnostic.Create(DiagnosticCatalog.GenesysConversionFailed, input.Path, input.Path, reason,
            MediaCompiler.Audio.Rules.MediaRules.ConversionCommand(input.Path, "wav", sampleRate)));
}
