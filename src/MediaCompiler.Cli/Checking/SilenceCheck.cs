using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Cli.Fixing;
using MediaCompiler.Diagnostics;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Engine.Dsp;

namespace MediaCompiler.Cli.Checking;

/// <summary>
/// The content checks <c>validate</c> runs on prompts whose headers pass: decodability and silence, with the
/// engine's threshold and codes (IVR3002, IVR3005), so that a silent prompt fails here as it fails the build. Only
/// prompts decoded in-process (WAV) are checked, keeping validate fast and free of ffmpeg.
/// THE HOOK: the engine's quality analyser (loudness, clipping, leading silence) is meant to replace this class, as
/// another <see cref="IPromptContentCheck"/>, in <see cref="PromptChecks.DefaultContentCheck"/>.
/// </summary>
internal sealed class SilenceCheck : IPromptContentCheck
{
    public IReadOnlyList<Diagnostic> Check(string path, AudioProbeResult probe, TargetPlatform platform)
    {
        if (!PromptDecoding.DecodesInProcess(probe))
        {
            return [];
        }

        // The fast path answers "audible" without decoding; silence (or another encoding) is measured in full below.
        if (PromptDecoding.HasSampleAtOrAbove(path, probe, AssetCompiler.SilenceThresholdDbfs) == true)
        {
            return [];
        }

        var decoded = PromptDecoding.Decode(path, probe);
        if (decoded.Audio is not { } audio)
        {
            return decoded.Error is { } error ? [error] : [];
        }

        var peak = SpeechLevelNormalizer.PeakDbfs(audio.Samples);
        if (audio.Samples.Length == 0 || peak >= AssetCompiler.SilenceThresholdDbfs)
        {
            return [];
        }

        var measured = double.IsNegativeInfinity(peak) ? "-inf" : peak.ToString("0.0", CultureInfo.InvariantCulture);
        return [Diagnostic.Create(DiagnosticCatalog.EngineSilentAudio, path, path, measured,
            AssetCompiler.SilenceThresholdDbfs.ToString(CultureInfo.InvariantCulture))];
    }
}
