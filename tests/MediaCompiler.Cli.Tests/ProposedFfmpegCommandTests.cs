using System.Text.RegularExpressions;
using MediaCompiler.Diagnostics;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Cli.Tests;

/// <summary>
/// The ffmpeg commands the AAC decoder's verdicts (IVR3140–IVR3146) propose, run as printed on the source a user is
/// likeliest to have, a 44.1 kHz stereo recording, longer than a minute: the file each writes must validate. (Two
/// commands once re-encoded to AAC at the source's rate and channels, which the media engine then refused, and
/// ffmpeg's AAC encoder stays under the 64 kbps an AAC prompt needs.)
/// </summary>
public sealed partial class ProposedFfmpegCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [GeneratedRegex("""ffmpeg -i "\{0\}" (?<arguments>[^()]*?) (?<output>prompt\.(wav|aac))""")]
    private static partial Regex ProposedCommand();

    private static IEnumerable<string> CodesWithACommand() =>
        DiagnosticCatalog.All
            .Where(d => string.CompareOrdinal(d.Code, "IVR3140") >= 0 && string.CompareOrdinal(d.Code, "IVR3159") <= 0 && ProposedCommand().IsMatch(d.Fix))
            .Select(d => d.Code);

    public static TheoryData<string> Codes() => new(CodesWithACommand());

    [FfmpegTheory]
    [MemberData(nameof(Codes))]
    public void The_proposed_command_writes_a_prompt_the_engine_accepts(string code)
    {
        // IVR3141's command rewraps the AAC of an MP4/M4A as ADTS: its source is such a file, of a rate and bitrate the
        // engine takes (its audio is copied, not converted).
        var source = code == "IVR3141" ? _temp.PathOf("recording.m4a") : _temp.PathOf("recording.wav");
        Ffmpeg.Run(code == "IVR3141"
            ? ["-f", "lavfi", "-i", "anoisesrc=r=16000:a=0.3:c=white:d=4", "-c:a", "aac", "-b:a", "96k", source]
            : ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=70", "-ac", "2", "-c:a", "pcm_s16le", source]);
        var command = ProposedCommand().Match(DiagnosticCatalog.Find(code)!.Fix);
        var output = _temp.PathOf(command.Groups["output"].Value);

        Ffmpeg.Run(["-v", "error", "-i", source, .. command.Groups["arguments"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), "-y", output]);

        var validate = CliRun.Of("validate", output);
        Assert.True(validate.ExitCode == 0, $"{code}: {command.Value}\n{validate.Output}");
    }

    [Fact]
    public void The_aac_verdicts_propose_commands()
    {
        Assert.Contains("IVR3144", CodesWithACommand());
        Assert.Contains("IVR3146", CodesWithACommand());
    }
}
