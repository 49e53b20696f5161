using System.Text.RegularExpressions;
using MediaCompiler.Diagnostics;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Cli.Tests;

/// <summary>
/// Every `ivr-media fix` command a diagnostic proposes works when pasted: for each code whose fix text proposes one,
/// a file that triggers it is validated, the command is taken from the printed diagnostic exactly as a user would copy
/// it, run, and the result must then validate with no error and without that code. A code added to the catalogue with
/// such a command and no case here fails <see cref="Every_code_that_proposes_a_fix_command_has_a_case"/>.
/// </summary>
public sealed partial class ProposedFixTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Codes that propose the command only as a last resort, each with the reason no file can prove it.</summary>
    private static readonly Dictionary<string, string> NotAutomatable = new(StringComparer.Ordinal)
    {
        ["IVR1202"] = "fix's own refusal: it is raised by the command itself",
        ["IVR1203"] = "fix's own refusal (too long): the fix is to shorten or split the recording first",
        ["IVR1016"] = "Genesys Cloud's size limit is checked by ProposedFixTests' sibling for IVR1102, the same command with --platform",
    };

    /// <summary>The code, the extra validate arguments that make it show, and the writer of a file that triggers it.</summary>
    public static TheoryData<string> Codes => new(Triggers.Keys.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, (string[] Options, Func<TempFolder, string> Write)> Triggers = new(StringComparer.Ordinal)
    {
        ["IVR1011"] = ([], t => Ffmpeg(t, "piped.wav", ["-ar", "8000", "-c:a", "pcm_s16le", "-f", "wav", "-flags", "+bitexact"], pipe: true)),
        ["IVR1004"] = ([], t => Ffmpeg(t, "named-wav.mp3.wav", ["-ar", "8000", "-c:a", "libmp3lame", "-f", "mp3"])),
        ["IVR1101"] = ([], t => Ffmpeg(t, "hold.flac", ["-ar", "16000", "-c:a", "flac"])),
        ["IVR1102"] = ([], t => t.Wav("three-minutes.wav", seconds: 180)),
        ["IVR1103"] = ([], t => t.Wav("cd-rate.wav", sampleRate: 44100)),
        ["IVR1104"] = ([], t => t.Wav("stereo.wav", channels: 2)),
        ["IVR1105"] = ([], t => t.Wav("deep.wav", bitsPerSample: 24)),
        ["IVR1106"] = ([], t => Ffmpeg(t, "thin.mp3", ["-ar", "8000", "-c:a", "libmp3lame", "-b:a", "8k"])),
        ["IVR1107"] = ([], t => Ffmpeg(t, "lossless.ogg", ["-ar", "16000", "-c:a", "flac", "-f", "ogg"])),
        ["IVR1108"] = ([], t => Ffmpeg(t, "layer2.mp3", ["-ar", "16000", "-c:a", "mp2", "-b:a", "64k", "-f", "mp2"])),
        ["IVR1601"] = (["--no-normalize"], t => t.Wav("quiet.wav", seconds: 2, amplitude: 0.004)),
        ["IVR1603"] = ([], t => t.Pcm16("late-start.wav", [.. Silence(1.5), .. Tone(1.0)])),
        ["IVR1604"] = ([], t => t.Pcm16("late-end.wav", [.. Tone(1.0), .. Silence(3.0)])),
    };

    [FfmpegTheory]
    [MemberData(nameof(Codes))]
    public void The_proposed_command_turns_a_triggering_file_into_an_accepted_one(string code)
    {
        var (options, write) = Triggers[code];
        var path = write(_temp);
        var before = CliRun.Of([.. "validate".Split(' '), .. options, path]);
        var line = before.OutputLines.FirstOrDefault(l => l.Contains($" {code}: ", StringComparison.Ordinal));
        Assert.True(line is not null, $"{code} was not raised for {path}:\n{before.Output}");

        var command = ProposedCommand(line);
        var run = CliRun.Of(command);
        Assert.True(run.ExitCode == 0, $"`ivr-media {string.Join(' ', command)}` failed:\n{run.Output}{run.Error}");

        // A fix that changes the extension writes beside the source ("x.flac" → "x.wav").
        var result = File.Exists(Path.ChangeExtension(path, ".wav")) ? Path.ChangeExtension(path, ".wav") : path;
        var after = CliRun.Of([.. "validate".Split(' '), .. options, result]);
        Assert.True(after.ExitCode == 0, $"after `ivr-media {string.Join(' ', command)}`:\n{after.Output}");
        Assert.DoesNotContain($" {code}: ", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_code_that_proposes_a_fix_command_has_a_case()
    {
        var proposing = DiagnosticCatalog.All.Where(d => d.Fix.Contains("ivr-media fix", StringComparison.Ordinal)).Select(d => d.Code);
        // IVR1102 builds its fix at run time (a command only when the prompt fits): it has a case all the same.
        var missing = proposing.Where(c => !Triggers.ContainsKey(c) && !NotAutomatable.ContainsKey(c)).ToArray();

        Assert.True(missing.Length == 0, "no case for the proposed fix of " + string.Join(", ", missing));
        // The exclusions stay honest: each still proposes the command it is excused from proving.
        Assert.All(NotAutomatable.Keys, code => Assert.Contains(code, proposing));
    }

    [FfmpegFact]
    public void The_ffmpeg_command_proposed_for_a_chained_or_multiplexed_ogg_keeps_all_of_the_first_prompt()
    {
        // IVR1019 proposes ffmpeg (fix reads one stream, as the engine does): pasted in the prompt's folder, it gives one
        // stream holding both chained parts (2 + 1.5 s), or the first of two multiplexed streams whole (2 s).
        var first = Ffmpeg(_temp, "first.ogg", ["-ar", "16000", "-c:a", "libvorbis"]);
        var second = _temp.PathOf("second.ogg");
        MediaCompiler.TestSupport.Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=660:duration=1.5", "-af", "volume=0.3", "-ac", "1", "-ar", "16000", "-c:a", "libvorbis", second);
        var chained = _temp.Bytes("chained.ogg", [.. File.ReadAllBytes(first), .. File.ReadAllBytes(second)]);
        var multiplexed = _temp.PathOf("multiplexed.ogg");
        MediaCompiler.TestSupport.Ffmpeg.Run("-i", first, "-i", second, "-map", "0:a", "-map", "1:a", "-c:a", "libvorbis", multiplexed);

        foreach (var (path, seconds) in new[] { (chained, 3.5), (multiplexed, 2.0) })
        {
            var line = CliRun.Of("validate", path).OutputLines.Single(l => l.Contains(" IVR1019: ", StringComparison.Ordinal));
            var result = RunProposedFfmpeg(line);
            var after = CliRun.Of("validate", "--json", result);
            Assert.True(after.ExitCode == 0, after.Output);
            var report = System.Text.Json.JsonDocument.Parse(after.Output).RootElement.EnumerateArray().Single();
            Assert.InRange(report.GetProperty("durationSeconds").GetDouble(), seconds - 0.05, seconds + 0.1);
        }
    }

    /// <summary>
    /// IVR1003 proposes exporting the prompt again from its source: its ffmpeg command, with "&lt;source&gt;" replaced by a
    /// real recording, writes a WAV that validates, also for a prompt named .mp3 (PCM cannot be written into .mp3).
    /// </summary>
    [FfmpegTheory]
    [InlineData("garbage.mp3")]
    [InlineData("garbage.wav")]
    public void The_ffmpeg_command_proposed_for_an_unrecognised_file_writes_an_accepted_prompt(string name)
    {
        var path = _temp.PathOf(name);
        File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) >> 3))]);
        var source = Ffmpeg(_temp, "source.flac", ["-ar", "44100", "-c:a", "flac"]);
        var line = CliRun.Of("validate", path).OutputLines.Single(l => l.Contains(" IVR1003: ", StringComparison.Ordinal));

        var written = RunProposedFfmpeg(line.Replace("<source>", $"\"{source}\"", StringComparison.Ordinal));

        Assert.Equal(Path.ChangeExtension(path, ".wav"), written);
        var after = CliRun.Of("validate", written);
        Assert.True(after.ExitCode == 0, after.Output);
    }

    /// <summary>A browser's recording (Opus in a live WebM) is refused, and the fix it proposes converts it.</summary>
    [FfmpegFact]
    public void The_fix_proposed_for_a_browser_recording_converts_it()
    {
        var path = Ffmpeg(_temp, "recording.webm", ["-ar", "48000", "-c:a", "libopus", "-b:a", "32k", "-live", "1", "-f", "webm"]);
        var line = CliRun.Of("validate", path).OutputLines.First(l => l.Contains(" IVR1101: ", StringComparison.Ordinal));

        var run = CliRun.Of(ProposedCommand(line));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var after = CliRun.Of("validate", "--json", Path.ChangeExtension(path, ".wav"));
        Assert.True(after.ExitCode == 0, after.Output);
        Assert.InRange(System.Text.Json.JsonDocument.Parse(after.Output).RootElement[0].GetProperty("durationSeconds").GetDouble(), 1.99, 2.01);
    }

    [FfmpegFact]
    public void The_ffmpeg_command_proposed_for_an_aac_bitrate_gives_an_accepted_prompt()
    {
        // ffmpeg's AAC encoder makes about 33 kbps of a 16 kHz spoken prompt whatever -b:a asks: the command is a WAV one.
        var path = Ffmpeg(_temp, "thin.aac", ["-ar", "16000", "-c:a", "aac", "-b:a", "32k", "-f", "adts"]);
        var line = CliRun.Of("validate", path).OutputLines.Single(l => l.Contains(" IVR1106: ", StringComparison.Ordinal));

        var result = RunProposedFfmpeg(line);

        var after = CliRun.Of("validate", result);
        Assert.True(after.ExitCode == 0, after.Output);
    }

    [Theory]
    [InlineData("wav", "IVR1103", ".wav")] // ivr-media fix "<path>", ffmpeg -i "<path>" ... "<name>-fixed.wav"
    [InlineData("au", "IVR1101", ".wav")]  // ... (writes "<name>.wav"), ffmpeg ... "<name>.wav"
    public void A_file_name_a_shell_would_expand_reaches_the_proposed_commands_unchanged(string extension, string code, string outputExtension)
    {
        // Inside double quotes a POSIX shell expands $5 and runs `x`: every quoted name must come out as the file's name.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const string stem = "price $5 `x` \"now\"";
        var path = _temp.Wav($"{stem}.{extension}", sampleRate: 44100);
        var line = CliRun.Of("validate", path).OutputLines.Single(l => l.Contains($" {code}: ", StringComparison.Ordinal));
        var fix = line[(line.IndexOf(" Fix: ", StringComparison.Ordinal) + 6)..];
        var quoted = Regex.Matches(fix, "\"(?:[^\"\\\\]|\\\\.)*\"").Select(m => m.Value).ToArray();

        Assert.True(quoted.Length >= 2, fix);
        foreach (var word in quoted)
        {
            var start = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardOutput = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"printf '%s' {word}");
            using var shell = System.Diagnostics.Process.Start(start)!;
            var parsed = shell.StandardOutput.ReadToEnd();
            shell.WaitForExit();
            Assert.Contains(parsed, new[] { path, stem + outputExtension, stem + "-fixed" + outputExtension });
        }
    }

    /// <summary>Runs the line's last "ffmpeg -i ..." command (to its end) in the prompt's folder; returns its output file.</summary>
    private string RunProposedFfmpeg(string line)
    {
        var command = line[(line.LastIndexOf("ffmpeg -i ", StringComparison.Ordinal) + "ffmpeg ".Length)..];
        var arguments = Regex.Matches(command, "\"[^\"]*\"|\\S+").Select(m => m.Value.Trim('"')).ToArray();
        var start = new System.Diagnostics.ProcessStartInfo(MediaCompiler.TestSupport.Ffmpeg.Path!) { WorkingDirectory = _temp.Root, RedirectStandardError = true };
        foreach (var argument in new[] { "-nostdin", "-loglevel", "error", "-y" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg {command} failed: {errors}");
        return Path.Combine(_temp.Root, arguments[^1]);
    }

    /// <summary>The command as a user copies it from the line: from "ivr-media fix" up to the prose that follows it.</summary>
    private static string[] ProposedCommand(string line)
    {
        var start = line.IndexOf("ivr-media fix ", StringComparison.Ordinal);
        Assert.True(start >= 0, "no ivr-media fix command in: " + line);
        var words = new List<string>();
        foreach (var token in Token().Matches(line[(start + "ivr-media ".Length)..]).Select(m => m.Value))
        {
            if (token.StartsWith('(') || token == "or")
            {
                break;
            }
            var word = token.TrimEnd(',', ';', ')');
            var ends = word.EndsWith('.') && !word.StartsWith('"');
            words.Add((ends ? word[..^1] : word).Trim('"'));
            if (ends || token.EndsWith(',') || token.EndsWith(';'))
            {
                break;
            }
        }
        return [.. words];
    }

    private static string Ffmpeg(TempFolder temp, string name, string[] output, bool pipe = false)
    {
        var path = temp.PathOf(name);
        var source = new[] { "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-af", "volume=0.3", "-ac", "1" };
        if (!pipe)
        {
            MediaCompiler.TestSupport.Ffmpeg.Run([.. source, .. output, path]);
            return path;
        }
        // Written to a pipe: ffmpeg cannot seek back to fill in the sizes, so they stay placeholders.
        var start = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"ffmpeg -nostdin -loglevel error -y {string.Join(' ', source)} {string.Join(' ', output)} - | cat > '{path}'");
        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return path;
    }

    private static double[] Tone(double seconds) =>
        Enumerable.Range(0, (int)(8000 * seconds)).Select(i => TempFolder.TargetLevelAmplitude * Math.Sin(2 * Math.PI * 440 * i / 8000)).ToArray();

    private static double[] Silence(double seconds) => new double[(int)(8000 * seconds)];

    [GeneratedRegex("\"[^\"]*\"[,;.)]*|\\S+")]
    private static partial Regex Token();
}
