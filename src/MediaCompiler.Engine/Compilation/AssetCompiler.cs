using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;
using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Dsp;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Engine.Compilation;

/// <summary>What compiling one asset produced: the G.711 WAV, or the coded reason it was rejected; and any warnings.</summary>
internal sealed record CompiledAsset(byte[]? Wav, Diagnostic? Error)
{
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];
}

/// <summary>Compiles one asset; the engine's seam for tests that need a job to stay in progress.</summary>
internal interface IAssetCompiler
{
    /// <param name="targetSpeechLevelDbov">The job's target for normalizeVolume; null: the engine's default.</param>
    Task<CompiledAsset> CompileAsync(byte[] content, string fileName, G711Law law, bool normalizeVolume, double? targetSpeechLevelDbov, bool stripMetadata,
        CancellationToken cancellationToken);
}

/// <summary>
/// Compiles one prompt: decode (in-process for WAV, MP3, Ogg Vorbis and Ogg Opus; AAC still by ffmpeg), mix to
/// mono, resample to 8 kHz, check what the upload rules could not see (empty, silent, shorter or longer than its
/// header says), normalise the P.56 active speech level (never clipping), encode with G.711 and wrap in a WAV.
/// </summary>
internal sealed class AssetCompiler : IAssetCompiler
{
    /// <summary>Prompts whose loudest sample is below this are silence (or nearly): nobody would hear them on a phone.</summary>
    public const double SilenceThresholdDbfs = TelephoneSilence.SilenceThresholdDbfs;

    /// <summary>Decoded and declared durations may differ by this much (seconds) or this share, whichever is larger.</summary>
    private const double DurationToleranceSeconds = 0.5;
    private const double DurationToleranceShare = 0.2;

    private readonly IAudioDecoder _decoder;
    private readonly double _targetSpeechLevelDbov;

    public AssetCompiler(string? ffmpegPath, TimeSpan decodeTimeout, double targetSpeechLevelDbov = SpeechLevelNormalizer.DefaultTargetDbov)
    {
        _decoder = new EngineDecoder(ffmpegPath, decodeTimeout);
        _targetSpeechLevelDbov = targetSpeechLevelDbov;
    }

    /// <summary>Compiles with the engine's default target level.</summary>
    public Task<CompiledAsset> CompileAsync(byte[] content, string fileName, G711Law law, bool normalizeVolume, bool stripMetadata, CancellationToken cancellationToken) =>
        CompileAsync(content, fileName, law, normalizeVolume, targetSpeechLevelDbov: null, stripMetadata, cancellationToken);

    public async Task<CompiledAsset> CompileAsync(byte[] content, string fileName, G711Law law, bool normalizeVolume, double? targetSpeechLevelDbov, bool stripMetadata,
        CancellationToken cancellationToken)
    {
        var probe = AudioProbe.Probe(new MemoryStream(content, writable: false), fileName);
        if (probe.Container == AudioContainer.Unknown)
        {
            return Reject(DiagnosticCatalog.EngineDecodeFailed, fileName, "its content is not an audio format the engine knows");
        }

        // The upload refused such files; one met here came from a tampered store or from rules that have since changed.
        if (probe.Diagnostics.FirstOrDefault(d => d.IsError) is { } damage)
        {
            return Reject(DiagnosticCatalog.EngineDecodeFailed, fileName, $"its headers are damaged ({damage.Code}: {damage.Message})");
        }

        var decoded = await _decoder.DecodeAsync(content, fileName, probe, cancellationToken).ConfigureAwait(false);
        if (decoded.Audio is not { } audio)
        {
            return new CompiledAsset(null, decoded.Error);
        }

        if (audio.Samples.Length == 0)
        {
            return Reject(DiagnosticCatalog.EngineEmptyAudio, fileName);
        }

        if (probe.DurationSeconds is double declared && declared > 0)
        {
            double difference = Math.Abs(audio.DurationSeconds - declared);
            if (difference > Math.Max(DurationToleranceSeconds, DurationToleranceShare * declared))
            {
                return Reject(DiagnosticCatalog.EngineDurationMismatch, fileName, Seconds(audio.DurationSeconds), Seconds(declared),
                    $"{DurationToleranceSeconds.ToString(CultureInfo.InvariantCulture)} s or {DurationToleranceShare:P0}");
            }
        }

        if (!Resampler.CanConvert(audio.SampleRate, G711WavWriter.SampleRate))
        {
            return Reject(DiagnosticCatalog.EngineSampleRateUnsupported, fileName, audio.SampleRate);
        }

        var samples = audio.SampleRate == G711WavWriter.SampleRate
            ? audio.Samples
            : Resampler.Create(audio.SampleRate, G711WavWriter.SampleRate).Process(audio.Samples);

        // Measured after resampling: content above 4 kHz is gone by now, and a phone would play what is left.
        double peakDbfs = SpeechLevelNormalizer.PeakDbfs(samples);
        if (peakDbfs < SilenceThresholdDbfs)
        {
            var measured = double.IsNegativeInfinity(peakDbfs) ? "-inf" : peakDbfs.ToString("0.0", CultureInfo.InvariantCulture);
            return Reject(DiagnosticCatalog.EngineSilentAudio, fileName, measured, SilenceThresholdDbfs.ToString(CultureInfo.InvariantCulture));
        }

        var warnings = decoded.Warnings;
        if (normalizeVolume && SpeechLevelNormalizer.Normalize(samples, G711WavWriter.SampleRate, targetSpeechLevelDbov ?? _targetSpeechLevelDbov).ToWarning(fileName) is { } warning)
        {
            warnings = [.. warnings, warning];
        }

        var codes = G711.Encode(Pcm16.FromFloats(samples), law);
        var wav = G711WavWriter.Write(codes, law, stripMetadata ? null : Path.GetFileName(fileName));
        return new CompiledAsset(wav, null) { Warnings = warnings };
    }

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static CompiledAsset Reject(DiagnosticDescriptor descriptor, string fileName, params object?[] args) =>
        new(null, Diagnostic.Create(descriptor, fileName, [fileName, .. args]));
}
