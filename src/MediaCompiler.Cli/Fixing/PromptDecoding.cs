using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;
using MediaCompiler.Engine.Decoding;
using MediaCompiler.Engine.Wav;

namespace MediaCompiler.Cli.Fixing;

/// <summary>
/// The CLI's one door to the engine's decoders: every command that needs samples (fix, the silence check) decodes
/// here, so that re-pointing the CLI at new decoders is a change to this file only. WAV of any rate, channel count
/// and PCM/float/G.711 width is decoded by the engine's own reader (no ffmpeg); other formats go through the
/// engine's current compressed-audio path (ffmpeg, at its 8 kHz output rate) until managed decoders replace it.
/// </summary>
internal static class PromptDecoding
{
    private static readonly TimeSpan CompressedDecodeTimeout = TimeSpan.FromSeconds(60);

    /// <summary>True when the samples can be decoded without an external program.</summary>
    public static bool DecodesInProcess(AudioProbeResult probe) => WavSampleReader.CanDecode(probe);

    /// <summary>Decodes to mono samples, or returns the coded reason it cannot. Never throws for any content.</summary>
    public static DecodeResult Decode(string path, AudioProbeResult probe)
    {
        if (probe.Container == AudioContainer.Unknown || probe.Diagnostics.Any(d => d.IsError))
        {
            var reason = probe.Diagnostics.FirstOrDefault(d => d.IsError) is { } error
                ? $"{error.Code}: {error.Message.Split(" Fix: ")[0]}"
                : "it is not audio in a format the engine knows";
            return DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.FixCannotDecode, path, path, reason.TrimEnd('.')));
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.AudioUnreadable, path, path, e.Message.TrimEnd('.')));
        }

        if (DecodesInProcess(probe))
        {
            try
            {
                return DecodeResult.Success(WavSampleReader.Read(content, probe));
            }
            catch (InvalidDataException e)
            {
                return DecodeResult.Failure(Diagnostic.Create(DiagnosticCatalog.FixCannotDecode, path, path, e.Message));
            }
        }

        // The engine's decoders are asynchronous for its server; the CLI is a one-shot process with nothing to overlap.
        var decoder = new FfmpegDecoder(configuredPath: null, CompressedDecodeTimeout);
        return decoder.DecodeAsync(content, path, probe, CancellationToken.None).GetAwaiter().GetResult();
    }
}
