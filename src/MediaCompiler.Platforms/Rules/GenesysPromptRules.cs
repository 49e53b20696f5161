using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Diagnostics;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Dsp;

namespace MediaCompiler.Platforms.Rules;

/// <summary>
/// The validation step's rules for Genesys Cloud: what the platform is known to transcode is uploaded as it is; what
/// our engine can decode is converted first (or, with conversion off, is IVR6053); anything else is an error before
/// any request. The media engine's own rules (G.711 target, its size limit) do not apply here.
/// </summary>
public static class GenesysPromptRules
{
    /// <summary>The only rates the upload keeps; other rates are resampled to the nearer of the two.</summary>
    public const int WidebandRate = 16_000;
    public const int NarrowbandRate = 8_000;

    public static PromptValidation Validate(string path, bool convertAudio) => Validate(AudioProbe.Probe(path), convertAudio);

    public static PromptValidation Validate(AudioProbeResult probe, bool convertAudio)
    {
        var path = probe.Path;
        var diagnostics = probe.Diagnostics.Select(d => d.File is null ? d with { File = path } : d).ToList();
        if (diagnostics.Any(d => d.IsError))
        {
            return new PromptValidation(probe, diagnostics);
        }

        if (probe.SizeBytes > TargetPlatforms.GenesysMaxFileSizeBytes)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.PlatformFileTooLarge, path, path, probe.SizeBytes, "Genesys Cloud",
                TargetPlatforms.GenesysMaxFileSizeBytes, "genesys"));
        }
        else if (!IsAcceptedAsIs(probe))
        {
            var command = MediaRules.ConversionCommand(path, "wav", probe.SampleRate);
            if (!convertAudio)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysConversionDisabled, path, path, Describe(probe), command));
            }
            else if (!PromptDecoder.CanDecode(probe) || probe.SampleRate is not { } rate || !Resampler.CanConvert(rate, TargetRate(rate)))
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysConversionFailed, path, path,
                    $"the build has no in-process converter for {Describe(probe)}", command));
            }
        }
        return new PromptValidation(probe, diagnostics);
    }

    /// <summary>What Genesys is known to transcode (its documented upload formats): RIFF/WAVE, 16-bit PCM, A-law or µ-law, mono, 8 or 16 kHz.</summary>
    public static bool IsAcceptedAsIs(AudioProbeResult probe) =>
        probe.Container == AudioContainer.Wav
        && probe.Codec is "pcm_s16le" or "alaw" or "mulaw"
        && probe.Channels == 1
        && probe.SampleRate is NarrowbandRate or WidebandRate;

    /// <summary>16 kHz when the source has that much bandwidth, else 8 kHz (upsampling adds nothing but bytes).</summary>
    public static int TargetRate(int sourceRate) => sourceRate >= WidebandRate ? WidebandRate : NarrowbandRate;

    public static string Describe(AudioProbeResult probe) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{probe.CodecDescription ?? probe.Codec ?? probe.Container.ToString()}, {probe.Channels?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} channel(s), {probe.SampleRate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} Hz");
}
