using System.Globalization;
using MediaCompiler.Diagnostics;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Dsp;

/// <summary>
/// The verdict on decoded samples that the media engine, the CLI and the Genesys conversion share: no samples is
/// IVR3004; a peak below <see cref="SilenceThresholdDbfs"/> measured after resampling to the 8 kHz a phone plays
/// (content above 4 kHz is gone by then) is IVR3005. Kept in one place so validate cannot drift from the build.
/// </summary>
public static class TelephoneSilence
{
    public const int TelephoneRate = 8000;

    /// <summary>A peak below this (dBFS) is no prompt at all: a phone would play nothing audible.</summary>
    public const double SilenceThresholdDbfs = -60;

    /// <summary>The build's rejection of these samples, or null when the build would go on to encode them.</summary>
    public static Diagnostic? Check(string path, DecodedAudio audio)
    {
        if (audio.Samples.Length == 0)
        {
            return Diagnostic.Create(DiagnosticCatalog.EngineEmptyAudio, path, path);
        }

        var peak = SpeechLevelNormalizer.PeakDbfs(AtTelephoneRate(audio));
        if (peak >= SilenceThresholdDbfs)
        {
            return null;
        }

        var measured = double.IsNegativeInfinity(peak) ? "-inf" : peak.ToString("0.0", CultureInfo.InvariantCulture);
        return Diagnostic.Create(DiagnosticCatalog.EngineSilentAudio, path, path, measured,
            SilenceThresholdDbfs.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The samples the build measures: resampled to 8 kHz when they are at another rate the resampler takes (a rate it
    /// cannot take is refused by the header rules before this point, so the samples are measured as they are).
    /// </summary>
    private static float[] AtTelephoneRate(DecodedAudio audio) =>
        audio.SampleRate == TelephoneRate || !Resampler.CanConvert(audio.SampleRate, TelephoneRate)
            ? audio.Samples
            : Resampler.Create(audio.SampleRate, TelephoneRate).Process(audio.Samples);
}
