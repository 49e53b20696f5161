using System.Text.Json;

namespace MediaCompiler.Cli.Tests;

/// <summary>
/// ivr-media fix over the committed corpus: every rejected fixture whose only faults are the engine's rules (rate,
/// channels, encoding, bitrate, size) becomes accepted, a second fix changes no byte, and what cannot be fixed is
/// refused with a code. The verdict on the result is validate's own, and the rate/channels are checked with ffprobe's
/// reading of the source recorded in expected.json (the duration must survive the conversion).
/// </summary>
public sealed class FixCommandTests : IDisposable
{
    private static readonly string Corpus = Path.Combine(Repository.Root, "tests", "fixtures", "audio");

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly HashSet<string> InProcessCodecs = ["pcm_s16le", "pcm_s16be", "pcm_u8", "pcm_s8", "pcm_s24le", "pcm_s32le", "pcm_f32le", "pcm_f64le", "pcm_mulaw", "pcm_alaw", "adpcm_ima_wav", "adpcm_ms", "gsm_ms", "adpcm_g722", "mp1", "mp2", "mp3", "vorbis", "opus", "aac", "flac"];

    private static readonly bool FfmpegIsInstalled = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, "ffmpeg")));

    private static string CodecOf(JsonElement expected) =>
        expected.TryGetProperty("ffprobe", out var ffprobe) && ffprobe.ValueKind == JsonValueKind.Object
        && ffprobe.TryGetProperty("codec_name", out var codec) && codec.ValueKind == JsonValueKind.String ? codec.GetString()! : "";

    public static TheoryData<string> RejectedFixtures()
    {
        var data = new TheoryData<string>();
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "expected.json"))).RootElement;
        foreach (var entry in expected.EnumerateObject().Where(e => !e.Value.GetProperty("accepted").GetBoolean()))
        {
            data.Add(entry.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RejectedFixtures))]
    public void A_rejected_fixture_is_fixed_in_place_and_a_second_fix_changes_nothing(string name)
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Corpus, "expected.json"))).RootElement.GetProperty(name);
        var codes = expected.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        // Codecs without an in-process decoder (Speex...) are convertible only where ffmpeg is installed.
        var decodable = expected.GetProperty("accepted").GetBoolean() || InProcessCodecs.Contains(CodecOf(expected)) || FfmpegIsInstalled;
        var onlyRuleFaults = codes.All(c => c.StartsWith("IVR11", StringComparison.Ordinal)) && Path.GetExtension(name) != ".flac" && decodable;
        var source = _temp.Bytes(name, File.ReadAllBytes(Path.Combine(Corpus, name)));
        var output = Path.ChangeExtension(source, ".wav");

        var first = CliRun.Of("fix", "--in-place", source);

        if (first.ExitCode != 0)
        {
            Assert.False(onlyRuleFaults, $"{name} breaks only the engine's rules ({string.Join(",", codes)}) and must be fixed:\n{first.Output}");
            Assert.Equal(1, first.ExitCode);
            Assert.Matches(@"\(1,1\): error IVR12\d\d: ", first.Output);
            Assert.Equal(File.ReadAllBytes(Path.Combine(Corpus, name)), File.ReadAllBytes(source)); // untouched
            return;
        }

        var validate = CliRun.Of("validate", "--json", output);
        Assert.True(validate.ExitCode == 0, $"{name}: the fixed file is rejected:\n{validate.Output}");
        var report = JsonDocument.Parse(validate.Output).RootElement.EnumerateArray().Single();
        Assert.Equal(1, report.GetProperty("channels").GetInt32());
        if (expected.TryGetProperty("ffprobe", out var ffprobe) && ffprobe.TryGetProperty("duration", out var duration) && duration.ValueKind == JsonValueKind.Number)
        {
            // The same audio, converted: ffprobe's duration of the source, give or take the encoder delay and padding
            // an MP3's container duration counts and its decoded samples do not (about 0.15 s at 11 kHz).
            Assert.InRange(report.GetProperty("durationSeconds").GetDouble(), duration.GetDouble() - 0.2, duration.GetDouble() + 0.1);
        }

        Assert.True(File.Exists(source + ".bak") || Path.GetExtension(name) != ".wav", "the original is kept as .bak");
        var fixedBytes = File.ReadAllBytes(output);
        var second = CliRun.Of("fix", "--in-place", output);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already accepted", second.Output);
        Assert.Equal(fixedBytes, File.ReadAllBytes(output));
    }

    [MediaCompiler.TestSupport.FfmpegFact]
    public void A_second_in_place_fix_keeps_the_first_backup_and_backs_up_beside_it()
    {
        var path = _temp.PathOf("welcome.wav");
        MediaCompiler.TestSupport.Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-ar", "44100", "-ac", "2", "-c:a", "pcm_s16le", path);
        var original = File.ReadAllBytes(path);

        Assert.Equal(0, CliRun.Of("fix", "--in-place", path).ExitCode);
        var firstFix = File.ReadAllBytes(path);
        Assert.Equal(0, CliRun.Of("fix", "--in-place", "--encoding", "ulaw", "--rate", "8000", path).ExitCode);

        Assert.Equal(original, File.ReadAllBytes(path + ".bak"));
        Assert.Equal(firstFix, File.ReadAllBytes(path + ".2.bak"));
        Assert.NotEqual(firstFix, File.ReadAllBytes(path));
    }

    [MediaCompiler.TestSupport.FfmpegFact]
    public void A_prompt_the_platform_takes_as_it_is_is_left_untouched()
    {
        var path = _temp.PathOf("menu.ogg");
        MediaCompiler.TestSupport.Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-ar", "16000", "-ac", "1", "-c:a", "libvorbis", path);
        Assert.Equal(0, CliRun.Of("validate", path).ExitCode);
        var before = File.ReadAllBytes(path);

        var run = CliRun.Of("fix", "--in-place", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("unchanged", run.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_temp.Root)); // no .bak, no .wav beside it
    }

    /// <summary>
    /// A clipped 48 kHz recording: validate refuses its rate and does not judge its quality; the fix converts it, and
    /// says the clipping it keeps (resampling breaks the full-scale runs, so the converted file would not show it).
    /// </summary>
    [Fact]
    public void Converting_a_clipped_source_warns_of_the_clipping_it_keeps()
    {
        var path = _temp.Pcm16("hot.wav", [.. Enumerable.Range(0, 48000).Select(i => Math.Clamp(3 * Math.Sin(2 * Math.PI * 440 * i / 48000), -1, 1))], sampleRate: 48000);

        var run = CliRun.Of("fix", "--in-place", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning IVR1602: ", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, CliRun.Of("validate", Path.ChangeExtension(path, ".wav")).ExitCode);
    }

    /// <summary>A float source peaking over full scale is not clipped (its peaks kept their shape): fix limits them (IVR1205) and says no IVR1602.</summary>
    [MediaCompiler.TestSupport.FfmpegFact]
    public void A_float_source_over_full_scale_is_limited_not_called_clipped()
    {
        var path = _temp.PathOf("hot-float.wav");
        MediaCompiler.TestSupport.Ffmpeg.Run("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1", "-af", "volume=24dB", "-c:a", "pcm_f32le", path);

        var run = CliRun.Of("fix", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("warning IVR1205: ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("IVR1602", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fix_proposed_for_a_file_over_2_MiB_works_when_it_can_and_is_not_proposed_when_it_cannot()
    {
        // 3 minutes of 16-bit 8 kHz: 2.9 MB, over the limit; as 8-bit G.711 1.4 MB, under it.
        var fits = _temp.Wav("three-minutes.wav", sampleRate: 8000, seconds: 180);
        var validated = CliRun.Of("validate", fits);
        var proposed = validated.OutputLines.Single(l => l.Contains("error IVR1102", StringComparison.Ordinal));
        var command = proposed[(proposed.IndexOf("ivr-media fix ", StringComparison.Ordinal) + "ivr-media ".Length)..];
        var arguments = System.Text.RegularExpressions.Regex.Matches(command, "\"[^\"]*\"|\\S+").Select(m => m.Value.Trim('"')).ToArray();

        Assert.Equal(0, CliRun.Of(arguments).ExitCode);
        Assert.Equal(0, CliRun.Of("validate", fits).ExitCode);

        // 10 minutes: too long for any accepted encoding; the fix says so instead of a command that fails (IVR1203).
        var tooLong = _temp.Wav("ten-minutes.wav", sampleRate: 8000, seconds: 600);
        var refused = CliRun.Of("validate", tooLong).OutputLines.Single(l => l.Contains("error IVR1102", StringComparison.Ordinal));
        Assert.DoesNotContain("ivr-media fix", refused, StringComparison.Ordinal);
        Assert.Contains("split it into shorter prompts", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_out_or_in_place_nothing_is_written()
    {
        var path = _temp.Wav("music.wav", sampleRate: 44100, channels: 2);
        var before = File.ReadAllBytes(path);

        var run = CliRun.Of("fix", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("44100 Hz, stereo", run.Output);
        Assert.Contains("→ wav pcm_s16le, 16000 Hz, mono", run.Output);
        Assert.Contains("dry run", run.Output);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_temp.Root));
    }

    [Fact]
    public void Out_writes_into_a_folder_and_keeps_the_original()
    {
        var path = _temp.Wav("music.wav", sampleRate: 44100, channels: 2);
        var before = File.ReadAllBytes(path);
        var outFolder = _temp.PathOf("fixed");

        var run = CliRun.Of("fix", "--out", outFolder, "--encoding", "alaw", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(path));
        var report = JsonDocument.Parse(CliRun.Of("validate", "--json", Path.Combine(outFolder, "music.wav")).Output).RootElement[0];
        Assert.Equal("alaw", report.GetProperty("codec").GetString());
        Assert.Equal(8000, report.GetProperty("sampleRate").GetInt32());
    }

    /// <summary>A fixed prompt is always &lt;name&gt;.wav: two prompts of one name must not overwrite each other's output.</summary>
    [Fact]
    public void Two_prompts_of_one_name_are_refused_not_written_over_each_other()
    {
        var first = _temp.Wav("music.wav", sampleRate: 44100, channels: 2);
        Directory.CreateDirectory(_temp.PathOf("other"));
        var second = _temp.PathOf(Path.Combine("other", "music.wav"));
        File.Copy(first, second);
        var outFolder = _temp.PathOf("fixed");

        var run = CliRun.Of("fix", "--out", outFolder, first, second);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.Output.Split("IVR1206").Length - 1);
        Assert.Contains($"where the fixed version of '{second}' would go too", run.Output);
        Assert.False(Directory.Exists(outFolder) && Directory.EnumerateFileSystemEntries(outFolder).Any());
    }

    [Fact]
    public void In_place_a_prompt_never_replaces_another_file_of_its_fixed_name()
    {
        var wav = _temp.Wav("menu.wav", sampleRate: 16000, channels: 1);
        var other = _temp.PathOf("menu.mp3");
        File.Copy(_temp.Wav("source.wav", sampleRate: 44100, channels: 2), other);
        var (wavBefore, otherBefore) = (File.ReadAllBytes(wav), File.ReadAllBytes(other));

        var run = CliRun.Of("fix", "--in-place", "--no-backup", other);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("IVR1206", run.Output);
        Assert.Contains("which is another file already there", run.Output);
        Assert.Equal(wavBefore, File.ReadAllBytes(wav));
        Assert.Equal(otherBefore, File.ReadAllBytes(other));
    }

    [Fact]
    public void Normalize_brings_the_speech_level_to_minus_26_dbov_once()
    {
        var path = _temp.Wav("quiet.wav", sampleRate: 16000, amplitude: 0.5);

        var first = CliRun.Of("fix", "--in-place", "--no-backup", "--normalize", path);
        var bytes = File.ReadAllBytes(path);
        var second = CliRun.Of("fix", "--in-place", "--no-backup", "--normalize", path);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("peak -6.0 dBFS → wav pcm_s16le, 16000 Hz, mono, 16-bit, 0.50 s", first.Output);
        var samples = bytes.AsSpan(44).ToArray().Chunk(2).Select(b => BitConverter.ToInt16(b) / 32768f).ToArray();
        var level = MediaCompiler.Codecs.Loudness.LoudnessReport.Measure(samples, 16000).ActiveSpeechLevelDbov;
        Assert.True(level is > -26.5 and < -25.5, $"active level after --normalize: {level} dBov");
        Assert.False(File.Exists(path + ".bak"));
        Assert.Contains("already accepted", second.Output);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("--out", "x", "--in-place")]
    [InlineData("--no-backup")]
    [InlineData("--encoding", "ulaw", "--rate", "16000")]
    [InlineData("--rate", "11025")]
    [InlineData("--encoding", "mp3")]
    public void Contradictory_options_are_usage_errors(params string[] options)
    {
        var path = _temp.Wav("a.wav");

        Assert.Equal(2, CliRun.Of(["fix", .. options, path]).ExitCode);
    }

    [Fact]
    public void What_cannot_be_decoded_is_refused_with_a_code_and_left_alone()
    {
        var path = _temp.Bytes("noise.wav", Enumerable.Range(0, 300).Select(i => (byte)(i * 31 + 7)).ToArray());

        var run = CliRun.Of("fix", "--in-place", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}(1,1): error IVR1200: ", run.Output);
        Assert.False(File.Exists(path + ".bak"));
    }

    [Fact]
    public void A_silent_prompt_whose_headers_pass_is_refused_not_called_accepted()
    {
        // validate rejects it (IVR3005): fix saying "already accepted" with exit 0 would contradict it.
        var path = _temp.Wav("silent.wav", seconds: 2, amplitude: 0);
        Assert.Equal(1, CliRun.Of("validate", path).ExitCode);
        var before = File.ReadAllBytes(path);

        var run = CliRun.Of("fix", "--in-place", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}(1,1): error IVR1204: ", run.Output);
        Assert.DoesNotContain("already accepted (", run.Output);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".bak"));
    }

    [MediaCompiler.TestSupport.FfmpegFact]
    public void A_cut_stream_gets_the_decoders_code_from_validate_and_is_refused_by_fix()
    {
        // The build calls a cut ADTS stream truncated (IVR1005, from the AAC decoder); validate says the same, and fix
        // refuses it (IVR1207) without IVR1200's way out, a conversion, which would ship the cut prompt.
        var whole = _temp.PathOf("whole.aac");
        MediaCompiler.TestSupport.Ffmpeg.Run("-f", "lavfi", "-i", "anoisesrc=r=16000:a=0.3:c=white:d=4", "-c:a", "aac", "-b:a", "96k", "-f", "adts", whole);
        var bytes = File.ReadAllBytes(whole);
        // Inside a frame, never on a boundary (noise at 96 kbps fills frames to the encoder's cap, all one size): walk
        // the frames by their 13-bit lengths to the middle one and cut 10 bytes into it.
        var frame = 0;
        while (frame < bytes.Length / 2)
        {
            frame += ((bytes[frame + 3] & 0x03) << 11) | (bytes[frame + 4] << 3) | (bytes[frame + 5] >> 5);
        }

        var path = _temp.Bytes("cut.aac", bytes[..(frame + 10)]);

        var validate = CliRun.Of("validate", path);
        var fix = CliRun.Of("fix", "--in-place", path);

        Assert.True(validate.ExitCode == 1, $"cut at {frame + 10} of {bytes.Length} bytes: {validate.Output}{validate.Error}");
        Assert.Contains($"{path}(1,1): error IVR1005: ", validate.Output);
        Assert.Contains($"the file ends inside the ADTS frame at byte {frame:N0} (", validate.Output);
        Assert.DoesNotContain("IVR1200", validate.Output);
        Assert.Equal(1, fix.ExitCode);
        Assert.Contains($"{path}(1,1): error IVR1207: '{path}' cannot be fixed: it is truncated: the file ends inside the ADTS frame at byte {frame:N0} (", fix.Output);
        Assert.DoesNotContain("ffmpeg -i", fix.Output); // converting the cut file would ship the cut prompt
        Assert.Equal(bytes[..(frame + 10)], File.ReadAllBytes(path)); // nothing written, in place
    }

    [MediaCompiler.TestSupport.FfmpegFact]
    public void Float_peaks_over_full_scale_are_limited_and_said_not_clipped_in_silence()
    {
        // A float WAV may hold samples over 1.0; 16-bit cannot. Clipping them would distort the prompt unannounced.
        var path = _temp.PathOf("hot.wav");
        MediaCompiler.TestSupport.Ffmpeg.Run("-f", "lavfi", "-i", "aevalsrc=1.5*sin(2*PI*440*t):s=16000:d=2", "-c:a", "pcm_f32le", path);
        var output = _temp.PathOf(Path.Combine("out", "hot.wav"));

        var run = CliRun.Of("fix", "--out", Path.GetDirectoryName(output)!, path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{path}(1,1): warning IVR1205: '{path}' peaks at +3.5 dBFS", run.Output);
        var bytes = File.ReadAllBytes(output);
        var samples = Enumerable.Range(0, (bytes.Length - 44) / 2).Select(i => Math.Abs((int)BitConverter.ToInt16(bytes, 44 + (2 * i)))).ToArray();
        Assert.InRange(samples.Max(), 29000, 29205); // -1 dBFS, the normaliser's ceiling: limited, not clipped at 32767
    }
}
