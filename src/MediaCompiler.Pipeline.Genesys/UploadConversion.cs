using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.Pipeline.Caching;
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

    /// <summary>The conversion came back from the prompt cache (nothing decoded this build).</summary>
    public bool FromCache { get; init; }
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
    /// <param name="cache">
    /// The project's prompt cache: a source converted before with the same settings is not decoded again (its
    /// converted bytes and its levelling warning come back from the cache).
    /// </param>
    public static ConversionOutcome Prepare(ValidatedPrompt prompt, string workDirectory, double? levelTargetDbov, CancellationToken cancellationToken,
        PromptCache? cache = null)
    {
        var key = cache is not null && prompt.ChecksKey is { } checksKey
            ? PromptCacheKeys.Conversion(checksKey, string.Create(CultureInfo.InvariantCulture, $"genesys upload, level {levelTargetDbov?.ToString("R", CultureInfo.InvariantCulture) ?? "off"}"), CodeIdentity)
            : null;
        if (key is not null && cache!.GetConversion(key) is { } kept && FromCache(prompt, workDirectory, kept) is { } restored)
        {
            return restored;
        }
        var outcome = Convert(prompt, workDirectory, levelTargetDbov, cancellationToken);
        if (key is not null && outcome.Source is { } source)
        {
            var warning = source.LevelWarning is { } w ? new CachedDiagnostic(w.Code, w.Severity, w.Message) : null;
            cache!.PutConversion(key, new CachedConversion(!source.Converted, source.SampleRate, warning), source.Converted ? File.ReadAllBytes(source.Path) : null);
        }
        return outcome;
    }

    /// <summary>The code that converts (decoders, resampler, normaliser, this class): a new package converts again.</summary>
    private static readonly string CodeIdentity = string.Join("|",
        new[] { typeof(UploadConversion), typeof(PromptDecoder), typeof(GenesysPromptRules) }.Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    private static ConversionOutcome? FromCache(ValidatedPrompt prompt, string workDirectory, (CachedConversion Conversion, string? File) kept)
    {
        var input = prompt.Input;
        if (kept.Conversion.AsIs || kept.File is null)
        {
            return AsIs(prompt);
        }
        var bytes = File.ReadAllBytes(kept.File);
        var destination = Destination(input, workDirectory);
        if (TryWrite(input, destination, bytes, ifDifferent: true) is { } failed)
        {
            return failed;
        }

        var warning = kept.Conversion.LevelWarning is { } w && DiagnosticCatalog.Find(w.Code) is { } descriptor
            ? new Diagnostic(descriptor, input.Path, w.Message, w.Severity)
            : null;
        return new ConversionOutcome(new UploadSource(destination, ContentHash.Of(bytes), bytes.Length, kept.Conversion.SampleRate, true)
        {
            LevelWarning = warning,
            FromCache = true,
        }, null);
    }

    /// <summary>One file per resource: two languages of one name never share a converted file.</summary>
    private static string Destination(PromptInput input, string workDirectory) =>
        Path.Combine(workDirectory, input.Language ?? "und", (input.PromptName ?? input.NodeId) + ".wav");

    private static ConversionOutcome Convert(ValidatedPrompt prompt, string workDirectory, double? levelTargetDbov, CancellationToken cancellationToken)
    {
        var input = prompt.Input;
        var probe = prompt.Probe;
        var acceptedAsIs = GenesysPromptRules.IsAcceptedAsIs(probe);
        if (acceptedAsIs && levelTargetDbov is null)
        {
            return AsIs(prompt);
        }

        var decoded = PromptDecoder.Decode(File.ReadAllBytes(input.Path), input.Path, probe, cancellationToken);
        if (decoded.Audio is not { } audio)
        {
            return Failed(input, decoded.Error?.Message ?? "the decoder gave no audio", probe.SampleRate);
        }
        if (acceptedAsIs && IsAtLevel(audio.Samples, audio.SampleRate, levelTargetDbov!.Value))
        {
            return AsIs(prompt);
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
        var destination = Destination(input, workDirectory);
        if (TryWrite(input, destination, bytes, ifDifferent: false) is { } failed)
        {
            return failed;
        }

        return new ConversionOutcome(new UploadSource(destination, ContentHash.Of(bytes), bytes.Length, rate, true) { LevelWarning = levelWarning }, null);
    }

    /// <summary>Whether the source's P.56 level is already at the target (or it has no speech to level).</summary>
    private static bool IsAtLevel(float[] samples, int sampleRate, double targetDbov) =>
        SpeechVoltmeter.Measure(samples, sampleRate).ActiveSpeechLevelDbov is not { } level || Math.Abs(level - targetDbov) <= LevelToleranceDb;

    private static ConversionOutcome AsIs(ValidatedPrompt prompt) =>
        new(new UploadSource(prompt.Input.Path, prompt.SourceHash ?? ContentHash.OfFile(prompt.Input.Path), prompt.Probe.SizeBytes, prompt.Probe.SampleRate!.Value, false), null);

    /// <summary>
    /// Writes the converted file (atomically: a failed write leaves no half file). Null when written; otherwise the
    /// prompt's error: IVR5010 for a full disk (the conversion worked, the disk did not), else IVR6054 saying why.
    /// </summary>
    private static ConversionOutcome? TryWrite(PromptInput input, string destination, byte[] bytes, bool ifDifferent)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (ifDifferent)
            {
                AtomicFile.WriteIfDifferent(destination, bytes);
            }
            else
            {
                AtomicFile.WriteAllBytes(destination, bytes);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ConversionOutcome(null, WriteFailure.Describe(ex, input.Path, destination,
                () => Failed(input, $"'{destination}' could not be written ({ex.Message.TrimEnd('.')})", null).Error!));
        }
    }

    private static ConversionOutcome Failed(PromptInput input, string reason, int? sampleRate) =>
        new(null, Diagnostic.Create(DiagnosticCatalog.GenesysConversionFailed, input.Path, input.Path, reason,
            MediaCompiler.Audio.Rules.MediaRules.ConversionCommand(input.Path, "wav", sampleRate)));
}
