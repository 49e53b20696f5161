using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;

using MediaCompiler.Codecs.Dsp;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Platforms.Checking;

/// <summary>
/// The content checks <c>validate --no-quality</c> runs on prompts whose headers pass: decodability, empty and silent
/// audio, with the build's codes (IVR3004, IVR3005, see <see cref="TelephoneSilence"/>). An 8 kHz 16-bit or G.711 WAV
/// that reaches the threshold is passed after reading only its first audible bytes; everything else is decoded.
/// </summary>
public sealed class SilenceCheck : IPromptContentCheck
{
    public IReadOnlyList<Diagnostic> Check(string path, AudioProbeResult probe, TargetPlatform platform)
    {
        if (!PromptDecoding.DecodesInProcess(probe))
        {
            return [];
        }

        // The fast path answers "audible" without decoding, but only at 8 kHz: at another rate the build measures after
        // resampling, and a sample above the threshold may lie above 4 kHz, where the phone does not play it.
        if (probe.SampleRate == TelephoneSilence.TelephoneRate
            && PromptDecoding.HasSampleAtOrAbove(path, probe, TelephoneSilence.SilenceThresholdDbfs) == true)
        {
            return [];
        }

        var decoded = PromptDecoding.Decode(path, probe);
        if (decoded.Audio is not { } audio)
        {
            return decoded.Error is { } error ? [error] : [];
        }

        return TelephoneSilence.Check(path, audio) is { } rejection ? [rejection] : [];
    }
}
