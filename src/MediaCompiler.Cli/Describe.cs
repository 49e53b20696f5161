using System.Globalization;
using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Cli;

/// <summary>Wording shared by the readable outputs.</summary>
internal static class Describe
{
    public static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The container as the JSON and tables name it ("wav", "mp3", "adts"...), or null when unrecognised.</summary>
    public static string? Format(AudioContainer container) =>
        container == AudioContainer.Unknown ? null : container.ToString().ToLowerInvariant();

    /// <summary>
    /// The MSBuild/csc canonical form with a location, <c>path(1,1): error IVR1001: message</c>, which the problem
    /// matchers of GitHub Actions, Azure DevOps and VS Code's $msCompile turn into annotations on the file. Audio has
    /// no lines, so every diagnostic is placed at line 1, column 1 of the file the user named.
    /// </summary>
    public static string Canonical(Diagnostic diagnostic, string path) =>
        $"{diagnostic.File ?? path}(1,1): {Severity(diagnostic.Severity)} {diagnostic.Code}: {diagnostic.Message}";

    public static string Channels(int channels) => channels switch
    {
        1 => "mono",
        2 => "stereo",
        _ => $"{channels} channels",
    };

    /// <summary>A one-line summary such as "wav pcm_s16le, 8000 Hz, mono, 16-bit, 2.50 s".</summary>
    public static string Summary(AudioProbeResult probe)
    {
        var format = Format(probe.Container);
        if (format is null)
        {
            return "unrecognised audio format";
        }

        var parts = new List<string> { probe.Codec is null || probe.Codec == format ? format : $"{format} {probe.Codec}" };
        if (probe.SampleRate is { } rate)
        {
            parts.Add($"{rate} Hz");
        }

        if (probe.Channels is { } channels)
        {
            parts.Add(Channels(channels));
        }

        if (probe.BitsPerSample is { } bits)
        {
            parts.Add($"{bits}-bit");
        }
        else if (probe.Bitrate is { } bitrate)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{bitrate / 1000.0:0.#} kb/s"));
        }

        if (probe.DurationSeconds is { } seconds)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s"));
        }

        return string.Join(", ", parts);
    }
}
