using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Dsp;
using MediaCompiler.Codecs.Wav;
using MediaCompiler.Pipeline;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline.Genesys;

/// <summary>The bytes a prompt uploads: its own file, or the WAV converted from it under obj/; hashed as uploaded.</summary>
public sealed record UploadSource(string Path, string ContentHash, long Bytes, int SampleRate, bool Converted);

/// <summary>Either the upload source of a prompt or the coded reason there is none.</summary>
public sealed record ConversionOutcome(UploadSource? Source, Diagnostic? Error);

/// <summary>
/// Prepares what a prompt uploads. A WAV that Genesys is known to transcode goes as it is; anything else the
/// validation step let through (MP3, AAC, Ogg, other rates, stereo, 24-bit) is decoded and resampled by our engine into
/// a 16-bit PCM mono WAV, 16 kHz when the source has it, else 8 kHz, so the platform's transcoder only ever sees what
/// it is known to accept. The hash is of the uploaded bytes, which is what the resource's tag must match next time.
/// </summary>
public static class UploadConversion
{
    public static ConversionOutcome Prepare(ValidatedPrompt prompt, string workDirectory, CancellationToken cancellationToken)
    {
        var input = prompt.Input;
        var probe = prompt.Probe;
        if (GenesysPromptRules.IsAcceptedAsIs(probe))
        {
            return new ConversionOutcome(new UploadSource(input.Path, ContentHash.OfFile(input.Path), probe.SizeBytes, probe.SampleRate!.Value, false), null);
        }

        var decoded = PromptDecoder.Decode(File.ReadAllBytes(input.Path), input.Path, probe, cancellationToken);
        if (decoded.Audio is not { } audio)
        {
            return Failed(input, decoded.Error?.Message ?? "the decoder gave no audio", probe.SampleRate);
        }
        var rate = GenesysPromptRules.TargetRate(audio.SampleRate);
        if (!Resampler.CanConvert(audio.SampleRate, rate))
        {
            return Failed(input, $"{audio.SampleRate} Hz cannot be resampled to {rate} Hz", audio.SampleRate);
        }

        var samples = audio.SampleRate == rate ? audio.Samples : Resampler.Create(audio.SampleRate, rate).Process(audio.Samples);
        var bytes = Pcm16WavWriter.Write(samples, rate);
        // One file per resource: two languages of one name never share a converted file.
        var destination = Path.Combine(workDirectory, input.Language ?? "und", (input.PromptName ?? input.NodeId) + ".wav");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        AtomicFile.WriteAllBytes(destination, bytes);
        return new ConversionOutcome(new UploadSource(destination, ContentHash.Of(bytes), bytes.Length, rate, true), null);
    }

    private static ConversionOutcome Failed(PromptInput input, string reason, int? sampleRate) =>
        new(null, Diagnostic.Create(DiagnosticCatalog.GenesysConversionFailed, input.Path, input.Path, reason,
            MediaCompiler.Audio.Rules.MediaRules.ConversionCommand(input.Path, "wav", sampleRate)));
}
