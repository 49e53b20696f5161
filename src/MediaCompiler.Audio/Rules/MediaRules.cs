using System.Globalization;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Rules;

/// <summary>
/// The media engine's constraints on prompts, in one place: the validator, the engine's upload check, the CLI and
/// the documentation all read these values.
/// </summary>
public static class MediaRules
{
    /// <summary>Largest accepted file: 2 MiB.</summary>
    public const long MaxFileSizeBytes = 2_097_152;

    public const int NarrowbandSampleRate = 8000;

    public const int WidebandSampleRate = 16000;

    /// <summary>Prompts are mono.</summary>
    public const int RequiredChannels = 1;

    /// <summary>Lowest accepted average bitrate of MP3 and AAC prompts, in bits per second (inclusive).</summary>
    public const long MinCompressedBitrate = 64_000;

    /// <summary>Highest accepted average bitrate of MP3 and AAC prompts, in bits per second (inclusive).</summary>
    public const long MaxCompressedBitrate = 128_000;

    /// <summary>Accepted extensions, lower-case, without the dot.</summary>
    public static IReadOnlyList<string> AllowedExtensions { get; } = ["wav", "mp3", "aac", "ogg"];

    public static IReadOnlyList<int> AllowedSampleRates { get; } = [NarrowbandSampleRate, WidebandSampleRate];

    /// <summary>WAV encodings the engine decodes: 16-bit linear PCM (either byte order), 8-bit mu-law, 8-bit A-law.</summary>
    public static IReadOnlyList<string> AllowedWavCodecs { get; } = ["pcm_s16le", "pcm_s16be", "mulaw", "alaw"];

    /// <summary>Codecs an Ogg prompt may hold.</summary>
    public static IReadOnlyList<string> AllowedOggCodecs { get; } = ["vorbis", "opus"];

    /// <summary>The extension of <paramref name="fileName"/>, lower-case without the dot ("" when it has none).</summary>
    public static string ExtensionOf(string fileName) =>
        System.IO.Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();

    public static bool IsAllowedExtension(string fileName) => AllowedExtensions.Contains(ExtensionOf(fileName));

    public static bool IsAllowedSampleRate(int sampleRate) => AllowedSampleRates.Contains(sampleRate);

    public static bool IsBitrateInRange(long bitsPerSecond) =>
        bitsPerSecond is >= MinCompressedBitrate and <= MaxCompressedBitrate;

    /// <summary>True for an accepted WAV encoding; mu-law and A-law must be 8 bits per sample.</summary>
    public static bool IsAllowedWavEncoding(string? codec, int? bitsPerSample) => codec switch
    {
        "pcm_s16le" or "pcm_s16be" => true,
        "mulaw" or "alaw" => bitsPerSample is null or 8,
        _ => false,
    };

    /// <summary>The accepted rate closest in spirit to <paramref name="sampleRate"/>: wideband stays wideband.</summary>
    public static int SuggestedSampleRate(int? sampleRate) =>
        sampleRate >= WidebandSampleRate ? WidebandSampleRate : NarrowbandSampleRate;

    /// <summary>
    /// The ffmpeg command that turns <paramref name="inputFile"/> into an accepted prompt of type
    /// <paramref name="extension"/> (wav, mp3, ogg). For AAC it is the WAV command: ffmpeg's own AAC encoder spends what
    /// speech needs, not what it is asked for (about 33 kbps on a 16 kHz mono prompt whatever -b:a says), so no AAC
    /// command of it can promise the 64 kbps minimum; at 8 kHz no AAC encoder can (48 kbps per channel at most).
    /// </summary>
    public static string ConversionCommand(string inputFile, string extension, int? sampleRate)
    {
        var rate = SuggestedSampleRate(sampleRate);
        var name = ShellText.InDoubleQuotes(System.IO.Path.GetFileNameWithoutExtension(inputFile));
        inputFile = ShellText.InDoubleQuotes(inputFile);
        return extension switch
        {
            "mp3" => $"ffmpeg -i \"{inputFile}\" -ar {rate} -ac 1 -c:a libmp3lame -b:a 64k \"{name}-fixed.mp3\"",
            "ogg" => $"ffmpeg -i \"{inputFile}\" -ar {rate} -ac 1 -c:a libvorbis \"{name}-fixed.ogg\"",
            _ => $"ffmpeg -i \"{inputFile}\" -ar {rate} -ac 1 -c:a pcm_s16le \"{name}-fixed.wav\"",
        };
    }

    /// <summary>
    /// The fix for a file over <see cref="MaxFileSizeBytes"/>: the command that stores it as 8 kHz G.711 (8 KB a
    /// second) when the prompt fits that way, else how long a prompt may be; a command that would fail is never proposed.
    /// </summary>
    public static string TooLargeFix(string file, double? durationSeconds)
    {
        var longest = (MaxFileSizeBytes - 1024) / NarrowbandSampleRate; // seconds of 8-bit G.711, headers aside
        return durationSeconds is { } seconds && seconds > longest
            ? string.Create(CultureInfo.InvariantCulture,
                $"At {seconds:0.#} s it is too long for any accepted encoding (at most about {longest} s fit as 8 kHz G.711): split it into shorter prompts or shorten it.")
            : $"Shorten the prompt or store it as 8-bit G.711 (8 KB per second): ivr-media fix \"{ShellText.InDoubleQuotes(file)}\" --encoding ulaw --rate 8000 --in-place";
    }
}
