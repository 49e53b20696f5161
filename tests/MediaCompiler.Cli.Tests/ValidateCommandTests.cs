using System.Security.Cryptography;
using System.Text.Json;

namespace MediaCompiler.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_valid_prompt_passes_with_a_check_mark_and_exit_code_0()
    {
        var path = _temp.Wav("welcome.wav", sampleRate: 8000, channels: 1, bitsPerSample: 16, seconds: 0.5);

        var run = CliRun.Of("validate", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.StartsWith($"✓ {path}  wav pcm_s16le, 8000 Hz, mono, 16-bit, 0.50 s", run.OutputLines[0]);
        Assert.DoesNotContain(": error IVR", run.Output);
    }

    [MediaCompiler.TestSupport.FfmpegFact]
    public void A_folder_walk_takes_every_kind_we_decode_and_says_what_it_skipped()
    {
        var wav = _temp.Wav("prompts/welcome.wav", sampleRate: 16000);
        foreach (var (name, codec) in new[] { ("menu.m4a", "aac"), ("hold.flac", "flac"), ("bye.opus", "libopus") })
        {
            MediaCompiler.TestSupport.Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-ar", name.EndsWith(".opus", StringComparison.Ordinal) ? "48000" : "16000",
                "-ac", "1", "-c:a", codec, _temp.PathOf("prompts/" + name));
        }
        File.WriteAllText(_temp.PathOf("prompts/welcome.txt"), "Welcome.");

        var run = CliRun.Of("validate", "--platform", "genesys", _temp.PathOf("prompts"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Checked 4 files: 4 ok, 0 failed, 0 warnings.", run.OutputLines[^1]);
        Assert.Contains(run.OutputLines, l => l.StartsWith($"✓ {wav}", StringComparison.Ordinal));
        Assert.Contains("skipped 1 file(s)", run.Error);
        Assert.Contains(".txt 1", run.Error);
    }

    [Fact]
    public void A_44k_stereo_prompt_fails_with_each_diagnostic_in_canonical_msbuild_form()
    {
        var path = _temp.Wav("music.wav", sampleRate: 44100, channels: 2);

        var run = CliRun.Of("validate", path);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"✗ {path}", run.OutputLines[0]);
        // Both broken rules are reported, not only the first.
        Assert.Contains(run.OutputLines, l => l.StartsWith($"{path}(1,1): error IVR1103: ", StringComparison.Ordinal) && l.Contains("44100"));
        Assert.Contains(run.OutputLines, l => l.StartsWith($"{path}(1,1): error IVR1104: ", StringComparison.Ordinal));
        Assert.Equal("Checked 1 file: 0 ok, 1 failed, 0 warnings.", run.OutputLines[^1]);
    }

    [Fact]
    public void Warnings_are_printed_but_do_not_fail()
    {
        // The name claims 16 kHz, the content is 8 kHz: a warning (the content wins), still a valid prompt.
        var path = _temp.Wav("menu_16000Hz.wav", sampleRate: 8000);

        var run = CliRun.Of("validate", path);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"✓ {path}", run.OutputLines[0]);
        Assert.EndsWith("(1 warning)", run.OutputLines[0]);
        Assert.Contains($"{path}(1,1): warning IVR1109: ", run.Output);
    }

    [Fact]
    public void One_failing_file_among_good_ones_gives_exit_code_1_and_every_file_is_reported()
    {
        var good = _temp.Wav("a/good.wav");
        var bad = _temp.Wav("b/bad.wav", sampleRate: 44100, channels: 2);

        var run = CliRun.Of("validate", good, bad);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.StartsWith($"✓ {good}", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.StartsWith($"✗ {bad}", StringComparison.Ordinal));
        Assert.Equal("Checked 2 files: 1 ok, 1 failed, 0 warnings.", run.OutputLines[^1]);
    }

    [Fact]
    public void A_folder_is_searched_recursively_for_prompt_extensions_in_any_case()
    {
        _temp.Wav("prompts/welcome.wav");
        _temp.Wav("prompts/menus/MAIN.WAV");
        _temp.Bytes("prompts/readme.txt", "not a prompt"u8.ToArray());
        _temp.Wav("prompts/.cache/copy.wav", sampleRate: 44100); // hidden folders are skipped

        var run = CliRun.Of("validate", "--json", _temp.PathOf("prompts"));

        Assert.Equal(0, run.ExitCode);
        var paths = JsonDocument.Parse(run.Output).RootElement.EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToArray();
        Assert.Equal([_temp.PathOf("prompts/welcome.wav"), _temp.PathOf("prompts/menus/MAIN.WAV")], paths);
    }

    [Fact]
    public void A_glob_selects_matching_files_and_a_file_named_twice_is_checked_once()
    {
        var top = _temp.Wav("p/top.wav");
        var nested = _temp.Wav("p/x/y/deep.wav");
        _temp.Wav("p/x/other.mp3.wav.bak");

        var run = CliRun.Of("validate", "--json", Path.Combine(_temp.Root, "p", "**", "*.wav"), nested);

        Assert.Equal(0, run.ExitCode);
        var paths = JsonDocument.Parse(run.Output).RootElement.EnumerateArray().Select(e => e.GetProperty("path").GetString()!).ToArray();
        Assert.Equal([top, nested], paths);
    }

    [Fact]
    public void Json_output_is_one_array_with_every_field_and_the_content_hash()
    {
        var good = _temp.Wav("good.wav", sampleRate: 8000, seconds: 0.25);
        var bad = _temp.Wav("bad.wav", sampleRate: 44100, channels: 2, seconds: 0.25);

        var run = CliRun.Of("validate", good, bad, "--json");

        Assert.Equal(1, run.ExitCode);
        var files = JsonDocument.Parse(run.Output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, files.Length);

        var first = files[0];
        Assert.Equal(good, first.GetProperty("path").GetString());
        Assert.True(first.GetProperty("ok").GetBoolean());
        Assert.Equal("wav", first.GetProperty("format").GetString());
        Assert.Equal("pcm_s16le", first.GetProperty("codec").GetString());
        Assert.Equal(8000, first.GetProperty("sampleRate").GetInt32());
        Assert.Equal(1, first.GetProperty("channels").GetInt32());
        Assert.Equal(16, first.GetProperty("bitsPerSample").GetInt32());
        Assert.Equal(128_000, first.GetProperty("bitrate").GetInt64());
        Assert.Equal(0.25, first.GetProperty("durationSeconds").GetDouble(), precision: 6);
        Assert.Equal(new FileInfo(good).Length, first.GetProperty("sizeBytes").GetInt64());
        var expectedHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(good)));
        Assert.Equal(expectedHash, first.GetProperty("sha256").GetString());
        Assert.Empty(first.GetProperty("diagnostics").EnumerateArray());

        var second = files[1];
        Assert.False(second.GetProperty("ok").GetBoolean());
        var diagnostics = second.GetProperty("diagnostics").EnumerateArray().ToArray();
        Assert.Contains(diagnostics, d => d.GetProperty("code").GetString() == "IVR1103");
        Assert.All(diagnostics, d => Assert.Equal("error", d.GetProperty("severity").GetString()));
        Assert.All(diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("message").GetString())));
    }

    [Fact]
    public void Json_gives_null_for_values_an_unrecognised_file_does_not_have()
    {
        var junk = _temp.Bytes("noise.wav", Enumerable.Range(0, 512).Select(i => (byte)(i * 37 + 11)).ToArray());

        var run = CliRun.Of("validate", "--json", junk);

        Assert.Equal(1, run.ExitCode);
        var file = JsonDocument.Parse(run.Output).RootElement[0];
        foreach (var key in new[] { "format", "codec", "sampleRate", "channels", "bitsPerSample", "bitrate", "durationSeconds" })
        {
            Assert.Equal(JsonValueKind.Null, file.GetProperty(key).ValueKind);
        }

        Assert.Equal(512, file.GetProperty("sizeBytes").GetInt64());
        Assert.StartsWith("sha256:", file.GetProperty("sha256").GetString());
        Assert.NotEmpty(file.GetProperty("diagnostics").EnumerateArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("validate")]
    [InlineData("validate --jsn x.wav")]
    [InlineData("frobnicate")]
    [InlineData("codes --bogus")]
    public void Usage_errors_exit_with_2_and_explain_on_stderr(string commandLine)
    {
        var run = CliRun.Of(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("ivr-media --help", run.Error);
    }

    [Fact]
    public void A_path_that_matches_nothing_is_a_usage_error_naming_it_even_with_json()
    {
        var good = _temp.Wav("good.wav");
        var missing = _temp.PathOf("no-such-prompt.wav");
        var emptyGlob = Path.Combine(_temp.Root, "*.mp3");

        var run = CliRun.Of("validate", "--json", good, missing, emptyGlob);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains($"'{missing}' does not exist", run.Error);
        Assert.Contains($"'{emptyGlob}' matches no files", run.Error);
    }

    [Fact]
    public void A_folder_without_prompts_is_a_usage_error()
    {
        _temp.Bytes("docs/notes.txt", "hello"u8.ToArray());

        var run = CliRun.Of("validate", _temp.PathOf("docs"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no *.wav, *.mp3, *.aac, *.m4a, *.mp4, *.ogg, *.oga, *.opus, *.flac, *.mp2", run.Error);
        Assert.Contains("*.aiff", run.Error);
        Assert.Contains("*.ulaw", run.Error);
    }

    [Fact]
    public void Without_colour_output_is_plain_text_and_with_colour_it_carries_ansi_codes()
    {
        var path = _temp.Wav("welcome.wav");

        var plain = CliRun.Of(colour: false, "validate", path);
        var coloured = CliRun.Of(colour: true, "validate", path);

        Assert.DoesNotContain('\u001b', plain.Output);
        Assert.Contains('\u001b', coloured.Output);
        Assert.Contains(path, coloured.Output);
        Assert.Equal(plain.ExitCode, coloured.ExitCode);
    }
}
