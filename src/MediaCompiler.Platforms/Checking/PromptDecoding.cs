using System.Buffers.Binary;
using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;
using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Platforms.Checking;

/// <summary>
/// The CLI's one door to the engine's decoders: every command that needs samples (fix, the silence check) decodes
/// here, so that re-pointing the CLI at new decoders is a change to this file only. WAV of any rate, channel count
/// and PCM/float/G.711 width, MP3, Ogg Vorbis, Ogg Opus, ADTS AAC and native FLAC are decoded in-process by the
/// engine's managed decoders (<see cref="PromptDecoder"/>), with no external program. Only codecs with no managed
/// decoder (ADPCM, GSM, Speex...) go to ffmpeg, when one is installed, so that fix can still convert them.
/// </summary>
public static class PromptDecoding
{
    private static readonly TimeSpan ExternalDecodeTimeout = TimeSpan.FromSeconds(60);

    /// <summary>True when the samples can be decoded without an external program.</summary>
    public static bool DecodesInProcess(AudioProbeResult probe) => PromptDecoder.CanDecode(probe);

    /// <summary>
    /// For 16-bit PCM and G.711 WAVs, whether any sample reaches <paramref name="thresholdDbfs"/>, reading only until
    /// the first one that does (a spoken prompt answers within its first few kilobytes); null for other encodings,
    /// whose samples need the full decoder. This keeps validate's silence check close to free.
    /// </summary>
    public static bool? HasSampleAtOrAbove(string path, AudioProbeResult probe, double thresholdDbfs)
    {
        if (!WavSampleReader.CanDecode(probe) || probe.Codec is not ("pcm_s16le" or "pcm_s16be" or "mulaw" or "alaw") || probe.AudioDataOffset is not { } offset)
        {
            return null;
        }

        try
        {
            return ScanForLevel(path, probe, offset, thresholdDbfs);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // Gone or locked since it was probed: the full decode reports it with its code.
        }
    }

    private static bool ScanForLevel(string path, AudioProbeResult probe, long offset, double thresholdDbfs)
    {
        var threshold = (int)Math.Ceiling(Math.Pow(10, thresholdDbfs / 20) * 32768);
        var bigEndian = probe.BigEndian || probe.Codec == "pcm_s16be";
        var remaining = probe.AudioDataBytes ?? 0;
        var buffer = new byte[16384];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        stream.Position = offset;
        int read;
        while (remaining > 0 && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining & ~1L))) > 0)
        {
            remaining -= read;
            if (AnyAtOrAbove(buffer.AsSpan(0, read), probe.Codec!, bigEndian, threshold))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyAtOrAbove(ReadOnlySpan<byte> bytes, string codec, bool bigEndian, int threshold)
    {
        if (codec is "mulaw" or "alaw")
        {
            foreach (var code in bytes)
            {
                if (Math.Abs((int)(codec == "mulaw" ? G711MuLaw.Decode(code) : G711ALaw.Decode(code))) >= threshold)
                {
                    return true;
                }
            }

            return false;
        }

        for (var i = 0; i + 1 < bytes.Length; i += 2)
        {
            int sample = bigEndian ? BinaryPrimitives.ReadInt16BigEndian(bytes[i..]) : BinaryPrimitives.ReadInt16LittleEndian(bytes[i..]);
            if (Math.Abs(sample) >= threshold)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Decodes to mono samples, or returns the coded reason it cannot: the probe's or the decoder's own diagnostic, the
    /// code the build gives the same file. Never throws for any content.
    /// </summary>
    public static DecodeResult Decode(string path, AudioProbeResult probe)
    {
        if (probe.Container == AudioContainer.Unknown || probe.Diagnostics.Any(d => d.IsError))
        {
            return DecodeResult.Failure(probe.Diagnostics.FirstOrDefault(d => d.IsError)
                ?? Diagnostic.Create(DiagnosticCatalog.DecodeFormatNotDecodable, path, path, PromptDecoder.FormatName(probe, path), ""));
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

        if (!PromptDecoder.CanDecode(probe) && FfmpegLocator.Find(null, out _) is { } ffmpeg)
        {
            // A codec the engine rejects anyway (ADPCM, GSM, Speex, MPEG layer II...): converting it is exactly
            // what fix is for, so an installed ffmpeg decodes it, and the result says so (IVR3122).
            var external = new FfmpegDecoder(ffmpeg, ExternalDecodeTimeout).DecodeAsync(content, path, probe, CancellationToken.None).GetAwaiter().GetResult();
            return external.Audio is null
                ? external
                : external with { Warnings = [Diagnostic.Create(DiagnosticCatalog.DecodeExternalFallback, path, path, PromptDecoder.FormatName(probe, path), ffmpeg)] };
        }

        // The decoder's own verdict (IVR31xx, with its fix), as the build gives it for the same file; fix wraps it.
        return PromptDecoder.Decode(content, path, probe);
    }
}
