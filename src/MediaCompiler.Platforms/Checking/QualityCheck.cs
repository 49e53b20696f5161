using MediaCompiler.Audio;
using MediaCompiler.Codecs.Dsp;
using MediaCompiler.Codecs.Loudness;

using MediaCompiler.Diagnostics;

namespace MediaCompiler.Platforms.Checking;

/// <summary>What the decoded audio says about a prompt: the build's content verdict and quality warnings, and its loudness.</summary>
public sealed record ContentFindings(IReadOnlyList<Diagnostic> Diagnostics, LoudnessReport? Loudness)
{
    public static ContentFindings None { get; } = new([], null);
}

/// <summary>
/// The content checks validate and probe run by default: decode every accepted format in-process, measure the
/// loudness (ITU-T P.56 speech level, peak, silence, clipping), then, for a prompt whose headers pass, the build's
/// errors (IVR3004 empty, IVR3005 silent, as <see cref="TelephoneSilence"/>) or else the quality warnings IVR16xx of
/// <see cref="PromptQualityAnalyzer"/>. A silent prompt gets its error only: the build stops there too. A prompt whose
/// headers fail still gets the silence verdict: a header rule's fix (resample, re-encode) cannot give it sound, so
/// that rule's proposed command alone would send the user to a fix that is refused (IVR1204).
/// </summary>
public sealed class QualityCheck(QualityThresholds thresholds)
{
    /// <param name="headersPass">Whether the header rules accepted the prompt; only then are warnings added.</param>
    public ContentFindings Inspect(string path, AudioProbeResult probe, bool headersPass)
    {
        if (!PromptDecoding.DecodesInProcess(probe))
        {
            return ContentFindings.None;
        }

        var decoded = PromptDecoding.Decode(path, probe);
        if (decoded.Audio is not { } audio)
        {
            // A file that does not decode to its end is reported even when a header rule failed too: fixing the rule
            // alone would not make it a prompt. A probe error was reported with the headers already.
            return decoded.Error is { } error && !probe.Diagnostics.Any(d => d.IsError) ? new ContentFindings([error], null) : ContentFindings.None;
        }

        var loudness = audio.Samples.Length == 0 ? null : PromptQualityAnalyzer.Measure(audio.Samples, audio.SampleRate, thresholds, audio.Clipping);
        if (TelephoneSilence.Check(path, audio) is { } rejection)
        {
            return new ContentFindings([rejection], loudness);
        }

        if (!headersPass)
        {
            return new ContentFindings([], loudness);
        }

        return new ContentFindings([.. decoded.Warnings, .. PromptQualityAnalyzer.Analyze(loudness!, thresholds, path)], loudness);
    }
}
