using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;
using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding;

/// <summary>
/// What no in-process decoder reads, when ffmpeg is installed: the engine's AAC fallback (see <see cref="EngineDecoder"/>),
/// and for validate and fix any codec ffmpeg reads (PromptDecoding, with IVR3122). Decodes by running <c>ffmpeg -nostdin
/// -v error -i FILE -f s16le -af pan=mono|c0=… -ar 8000 -</c>: ffmpeg decodes, mixes and resamples, and we read raw 16-bit samples
/// from its stdout, so such audio has no channel-by-channel clipping count. The content goes through a temporary file
/// rather than stdin because MP4/M4A inputs need a seekable input.
/// </summary>
public sealed class FfmpegDecoder : IAudioDecoder
{
    public const int OutputRate = 8000;

    private readonly string? _configuredPath;
    private readonly TimeSpan _timeout;

    public FfmpegDecoder(string? configuredPath, TimeSpan timeout)
    {
        _configuredPath = configuredPath;
        _timeout = timeout;
    }

    public async Task<DecodeResult> DecodeAsync(byte[] content, string fileName, AudioProbeResult probe, CancellationToken cancellationToken)
    {
        var executable = FfmpegLocator.Find(_configuredPath, out var whereLooked);
        if (executable is null)
        {
            return Failure(DiagnosticCatalog.EngineFfmpegRequired, fileName, fileName, FormatName(probe, fileName), whereLooked);
        }

        var extension = Path.GetExtension(fileName);
        var inputPath = Path.Combine(Path.GetTempPath(), $"mediacompiler-{Guid.NewGuid():N}{(extension.Length is > 1 and <= 8 ? extension : ".bin")}");
        try
        {
            await File.WriteAllBytesAsync(inputPath, content, cancellationToken).ConfigureAwait(false);
            return await RunAsync(executable, inputPath, fileName, probe, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(inputPath);
        }
    }

    /// <summary>
    /// The mix to mono: the equal average of the channels, as every in-process decoder mixes (ffmpeg's own "-ac 1"
    /// weights by channel layout: a 5.1 file would measure louder through this fallback than as a 5.1 WAV). When the
    /// probe did not count the channels, ffmpeg's mix.
    /// </summary>
    internal static string[] MonoMix(int? channels)
    {
        if (channels is not (> 1 and <= 64))
        {
            return ["-ac", "1"];
        }

        var share = (1.0 / channels.Value).ToString("R", CultureInfo.InvariantCulture);
        return ["-af", "pan=mono|c0=" + string.Join('+', Enumerable.Range(0, channels.Value).Select(c => $"{share}*c{c}"))];
    }

    private async Task<DecodeResult> RunAsync(string executable, string inputPath, string fileName, AudioProbeResult probe, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        string[] arguments = ["-nostdin", "-v", "error", "-i", inputPath, "-f", "s16le", .. MonoMix(probe.Channels), "-ar", OutputRate.ToString(CultureInfo.InvariantCulture), "-"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return Failure(DiagnosticCatalog.EngineFfmpegRequired, fileName, fileName, FormatName(probe, fileName), $"'{executable}' could not be started: {e.Message}");
        }

        using var timeout = new CancellationTokenSource(_timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var output = new MemoryStream();
        // Both pipes are drained at once: a full stderr pipe would otherwise stall ffmpeg while we read stdout.
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(output, linked.Token);
        var stderr = process.StandardError.ReadToEndAsync(linked.Token);
        try
        {
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await Task.WhenAll(Quietly(stdout), Quietly(stderr)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return Failure(DiagnosticCatalog.EngineDecodeTimeout, fileName, fileName, _timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture));
        }

        if (process.ExitCode != 0)
        {
            var reason = LastLines(await stderr.ConfigureAwait(false));
            return Failure(DiagnosticCatalog.EngineDecodeFailed, fileName, fileName, $"ffmpeg exited with code {process.ExitCode}{(reason.Length == 0 ? string.Empty : ": " + reason)}");
        }

        var bytes = output.GetBuffer().AsSpan(0, (int)output.Length);
        var samples = new float[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = Pcm16.ToFloat((short)(bytes[2 * i] | (bytes[(2 * i) + 1] << 8)));
        }

        return DecodeResult.Success(new DecodedAudio(samples, OutputRate));
    }

    /// <summary>How a message names the format: the codec the probe found, else the file's extension.</summary>
    private static string FormatName(AudioProbeResult probe, string fileName)
    {
        if (!string.IsNullOrEmpty(probe.Codec) && !probe.Codec.StartsWith("unknown", StringComparison.Ordinal))
        {
            return probe.Codec;
        }

        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        return extension.Length == 0 ? probe.Container.ToString().ToLowerInvariant() : extension;
    }

    /// <summary>ffmpeg's last few stderr lines, on one line and bounded, for the rejection message.</summary>
    private static string LastLines(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = string.Join(" | ", lines.TakeLast(3));
        return text.Length <= 400 ? text : text[..400] + "...";
    }

    private static DecodeResult Failure(DiagnosticDescriptor descriptor, string fileName, params object?[] args) =>
        DecodeResult.Failure(Diagnostic.Create(descriptor, fileName, args));

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
        catch (Win32Exception)
        {
            // Already exiting; nothing more to stop.
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The process was killed; its pipes break or the read is cancelled.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the OS eventually; a leftover file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
