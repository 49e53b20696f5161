using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Steps;

namespace MediaCompiler.Build;

/// <summary>
/// The quality checks' decoder: the engine's in-process decoders (PCM WAV, MP3, Ogg Vorbis, Ogg Opus, AAC in ADTS),
/// never an external program, so the checks behave the same on a machine without ffmpeg.
/// </summary>
internal sealed class InProcessPromptSampleDecoder : IPromptSampleDecoder
{
    public PromptSamples Decode(ValidatedPrompt prompt, CancellationToken cancellationToken)
    {
        var path = prompt.Input.Path;
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Validation read it a moment ago; if it is gone now, the upload step reports that as the error it is.
            return new PromptSamples.NotDecoded($"the file could not be read ({e.Message})");
        }

        var decoded = PromptDecoder.Decode(content, path, prompt.Probe, cancellationToken);
        return decoded.Audio is { } audio
            ? new PromptSamples.Decoded(audio.Samples, audio.SampleRate)
            : new PromptSamples.NotDecoded($"{decoded.Error?.Code}: {decoded.Error?.Message}");
    }
}
