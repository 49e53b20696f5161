using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Diagnostics;
using MediaCompiler.Platforms.Checking;
using MediaCompiler.Codecs.Dsp;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Cli.Fixing;

/// <summary>
/// Turns one prompt into a WAV the platform accepts: decode (engine), mix down to mono (the decoder does), resample
/// (the engine's polyphase filter), optionally trim silence and normalise the speech level (ITU-T P.56), encode as 16-bit PCM or G.711.
/// A file that already meets the target is left alone, so fixing a fixed file changes nothing.
/// </summary>
internal static class PromptFixer
{
    /// <summary>Rules that are about the file's name, which fixing the audio cannot change.</summary>
    private static readonly HashSet<string> NameRules = [DiagnosticCatalog.InvalidNodeId.Code, DiagnosticCatalog.GenesysInvalidPromptName.Code];

    public static FixOutcome Fix(string path, FixTarget target, FixDestination destination)
    {
        var platform = PromptPlatform.For(target.Platform);
        var verdict = platform.Validate(path);
        var probe = verdict.Probe;
        var encoding = target.Encoding ?? EncodingOf(probe) ?? PromptEncoding.Pcm16;
        var rate = encoding == PromptEncoding.Pcm16 ? target.SampleRate ?? MediaRules.SuggestedSampleRate(probe.SampleRate) : MediaRules.NarrowbandSampleRate;
        // A prompt the platform takes as it is stays as it is unless an encoding or rate is asked for (README's promise:
        // passing prompts are left untouched); the level and the edges are still checked below when asked for.
        var passesAsIs = target.Encoding is null && target.SampleRate is null && verdict.Diagnostics.All(d => NameRules.Contains(d.Code));
        var headersMeetTarget = passesAsIs || HeadersMeetTarget(verdict, path, encoding, rate);

        var limit = TargetPlatforms.MaxFileSizeBytes(target.Platform);
        if (probe.DurationSeconds is { } declared && declared * MediaRules.NarrowbandSampleRate > limit)
        {
            // Too long even as 8 kHz G.711, the smallest output: said before reading (a 2 GB file answers at once).
            return new FixRefused(path, Diagnostic.Create(DiagnosticCatalog.FixTooLong, path, path,
                declared.ToString("0.0", CultureInfo.InvariantCulture), (long)(declared * 8000), TargetPlatforms.DisplayName(target.Platform), limit));
        }

        var decoded = PromptDecoding.Decode(path, probe);
        if (decoded.Error is { Code: var code } cut && code == DiagnosticCatalog.AudioTruncated.Code)
        {
            // IVR1200's way out (convert it with ffmpeg) would ship the cut prompt: only its source can mend it.
            var reason = Problem(cut);
            var at = reason.IndexOf(TruncatedSaying, StringComparison.Ordinal);
            return new FixRefused(path, Diagnostic.Create(DiagnosticCatalog.FixCutShort, path, path, at < 0 ? reason : reason[(at + TruncatedSaying.Length)..]));
        }

        if (decoded.Audio is not { } audio)
        {
            var reason = decoded.Error is { } failure ? $"{failure.Code}: {Problem(failure)}" : "the decoder returned nothing";
            return new FixRefused(path, Diagnostic.Create(DiagnosticCatalog.FixCannotDecode, path, path, reason));
        }

        if (headersMeetTarget && ((!target.Normalize && !target.TrimSilence) || LevelAndEdgesMeetTarget(audio.Samples, audio.SampleRate, target)))
        {
            // Headers the platform takes are not yet a prompt it takes: a silent one (IVR3005) or one whose audio does
            // not decode to the end (a cut stream) fails validate, so it cannot be "already accepted". The decoding above
            // has refused the second; the first no fix can mend.
            return TelephoneSilence.Check(path, audio) is { } silentSource
                ? SilentRefusal(path, silentSource)
                : new FixUnchanged(path, Describe.Summary(probe));
        }

        if (audio.SampleRate != rate && !Resampler.CanConvert(audio.SampleRate, rate))
        {
            return new FixRefused(path, Diagnostic.Create(DiagnosticCatalog.FixCannotDecode, path, path,
                $"{audio.SampleRate} Hz cannot be resampled to {rate} Hz (audio is sampled between {Resampler.MinRate} and {Resampler.MaxRate} Hz)"));
        }

        var samples = audio.SampleRate == rate ? audio.Samples : Resampler.Create(audio.SampleRate, rate).Process(audio.Samples);
        if (target.TrimSilence)
        {
            var (start, length) = SilenceTrim.AudibleRange(samples, rate);
            samples = samples.AsSpan(start, length).ToArray();
        }

        var peakBefore = SpeechLevelNormalizer.PeakDbfs(audio.Samples);
        if (target.Normalize)
        {
            SpeechLevelNormalizer.Normalize(samples, rate, FixTarget.TargetSpeechLevelDbov);
        }

        var limited = LimitOverFullScale(samples, rate);
        var bytes = PromptWavWriter.Write(samples, rate, encoding);
        if (bytes.Length > limit && target.Encoding is null && target.SampleRate is null)
        {
            // Too long for 16-bit PCM: G.711 at 8 kHz stores the same prompt in a quarter (wideband) or half the bytes.
            rate = MediaRules.NarrowbandSampleRate;
            samples = audio.SampleRate == rate ? samples : Resampler.Create(audio.SampleRate, rate).Process(audio.Samples);
            if (target.TrimSilence)
            {
                var (start, length) = SilenceTrim.AudibleRange(samples, rate);
                samples = samples.AsSpan(start, length).ToArray();
            }

            if (target.Normalize)
            {
                SpeechLevelNormalizer.Normalize(samples, rate, FixTarget.TargetSpeechLevelDbov);
            }

            limited = LimitOverFullScale(samples, rate);
            bytes = PromptWavWriter.Write(samples, rate, PromptEncoding.MuLaw);
        }

        if (bytes.Length > limit)
        {
            var seconds = (double)samples.Length / rate;
            return new FixRefused(path, Diagnostic.Create(DiagnosticCatalog.FixTooLong, path, path,
                seconds.ToString("0.0", CultureInfo.InvariantCulture), (long)(seconds * 8000), TargetPlatforms.DisplayName(target.Platform), limit));
        }

        // Checked before anything is written: a fix that would leave silence is no fix (IVR3005's verdict, our words).
        if (TelephoneSilence.Check(path, new DecodedAudio(samples, rate)) is { } silent)
        {
            return SilentRefusal(path, silent);
        }

        var output = destination.OutputFor(path);
        var check = platform.ValidateFile(AudioProbe.Probe(new MemoryStream(bytes, writable: false), output));
        var remainingAudioProblems = check.Diagnostics.Where(d => d.IsError && !NameRules.Contains(d.Code)).ToList();
        if (remainingAudioProblems.Count > 0)
        {
            var first = remainingAudioProblems[0];
            var problem = Problem(first);
            return new FixRefused(path, Diagnostic.Create(DiagnosticCatalog.FixResultRejected, path, path, $"{first.Code}: {problem}"));
        }

        var before = $"{Describe.Summary(probe)}, peak {Dbfs(peakBefore)}";
        var after = $"{Describe.Summary(check.Probe)}, peak {Dbfs(SpeechLevelNormalizer.PeakDbfs(samples))}";
        var remaining = decoded.Warnings.Concat(check.Diagnostics.Where(d => NameRules.Contains(d.Code))).ToList();
        if (SourceClipping(path, audio) is { } clipped)
        {
            remaining.Add(clipped);
        }

        if (peakBefore > 0 && limited > 0)
        {
            // Said only when the source itself is over full scale (a float WAV): a resampler's overshoot of a few
            // hundredths of a dB on a source peaking at 0 dBFS is limited too, as part of any conversion.
            remaining.Add(Diagnostic.Create(DiagnosticCatalog.FixPeaksLimited, path, path, peakBefore.ToString("+0.0", CultureInfo.InvariantCulture),
                SpeechLevelNormalizer.PeakCeilingDbfs.ToString("0", CultureInfo.InvariantCulture), limited.ToString("0.0", CultureInfo.InvariantCulture)));
        }

        return destination.Write(path, output, bytes) switch
        {
            { Error: { } error } => new FixRefused(path, error),
            var written => new FixWritten(path, output, before, after, written.Backup, destination.DryRun, remaining),
        };
    }

    /// <summary>
    /// IVR1602 measured on the source, with the build's thresholds: a conversion cannot undo clipping, and resampling
    /// breaks the runs of full-scale samples it is counted by, so the converted file would hide the distortion it keeps
    /// (validate does not judge the quality of a source whose headers it refuses).
    /// </summary>
    private static Diagnostic? SourceClipping(string path, DecodedAudio audio)
    {
        if (SpeechLevelNormalizer.PeakDbfs(audio.Samples) > 0)
        {
            // Samples over full scale (a float source) kept their shape: they are not clipped, and IVR1205 says how
            // fix limits them.
            return null;
        }

        var thresholds = QualitySettings.Default.Thresholds;
        var signal = SignalStatistics.Measure(audio.Samples, audio.SampleRate, thresholds.MinimumClippedRun, audio.Clipping);
        return signal.ClippedSamples > thresholds.MaxClippedSamples
            ? Diagnostic.Create(DiagnosticCatalog.QualityClipping, path, path, signal.ClippedSamples, signal.ClippedRuns, thresholds.MinimumClippedRun, thresholds.MaxClippedSamples)
            : null;
    }

    /// <summary>Where IVR1005's message turns from the file's name to what was found.</summary>
    private const string TruncatedSaying = " is truncated: ";

    /// <summary>What a diagnostic found, without its fix: the part another message quotes.</summary>
    private static string Problem(Diagnostic diagnostic) => diagnostic.Message.Split(" Fix: ")[0].TrimEnd('.');

    /// <summary>IVR3005's verdict, in fix's words: nothing a phone can play, so nothing is written.</summary>
    private static FixRefused SilentRefusal(string path, Diagnostic silent) =>
        new(path, Diagnostic.Create(DiagnosticCatalog.FixResultSilent, path, path, Problem(silent)));

    /// <summary>
    /// Samples over full scale (a float source, a normalised or resampled peak) would be clipped by the 16-bit or G.711
    /// writer: they are limited to the normaliser's ceiling instead. Returns the largest gain reduction in dB, 0 for none.
    /// </summary>
    private static double LimitOverFullScale(Span<float> samples, int rate)
    {
        foreach (var sample in samples)
        {
            if (Math.Abs(sample) > 1f)
            {
                return SoftLimiter.Apply(samples, rate, (float)Math.Pow(10, SpeechLevelNormalizer.PeakCeilingDbfs / 20));
            }
        }

        return 0;
    }

    /// <summary>A G.711 input stays G.711 (the most compact accepted encoding); everything else becomes 16-bit PCM.</summary>
    private static PromptEncoding? EncodingOf(AudioProbeResult probe) => probe.Codec switch
    {
        "mulaw" => PromptEncoding.MuLaw,
        "alaw" => PromptEncoding.ALaw,
        _ => null,
    };

    private static bool HeadersMeetTarget(PromptValidation verdict, string path, PromptEncoding encoding, int rate)
    {
        var probe = verdict.Probe;
        var codec = encoding switch { PromptEncoding.MuLaw => "mulaw", PromptEncoding.ALaw => "alaw", _ => "pcm_s16le" };
        // Every note counts too: a pipe-written WAV (IVR1011) is rewritten with exact sizes.
        return verdict.Diagnostics.All(d => NameRules.Contains(d.Code))
            && probe.Container == AudioContainer.Wav && probe.Codec == codec && probe.SampleRate == rate && probe.Channels == 1
            && MediaRules.ExtensionOf(path) == "wav";
    }

    private static bool LevelAndEdgesMeetTarget(float[] samples, int sampleRate, FixTarget target) =>
        (!target.Normalize || IsAtTargetLevel(samples, sampleRate))
        && (!target.TrimSilence || SilenceTrim.IsTrimmed(samples, sampleRate));

    /// <summary>At the P.56 target within the tolerance, or without active speech (there is no level to set).</summary>
    private static bool IsAtTargetLevel(float[] samples, int sampleRate) =>
        LoudnessReport.Measure(samples, sampleRate).ActiveSpeechLevelDbov is not { } level
        || Math.Abs(level - FixTarget.TargetSpeechLevelDbov) <= FixTarget.NormalizedToleranceDb;

    private static string Dbfs(double value) =>
        double.IsNegativeInfinity(value) ? "-inf dBFS" : value.ToString("0.0", CultureInfo.InvariantCulture) + " dBFS";
}
