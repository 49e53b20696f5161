using MediaCompiler.Audio;

namespace MediaCompiler.Cli.Tests;

public sealed class ProbeCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Probing_a_readable_file_prints_a_table_with_its_fields_and_hash()
    {
        var path = _temp.Wav("welcome.wav", sampleRate: 8000, seconds: 0.5);

        var run = CliRun.Of("probe", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("8,000 Hz", run.Output);
        Assert.Contains("1 (mono)", run.Output);
        Assert.Contains("pcm_s16le", run.Output);
        Assert.Contains("0.500 s", run.Output);
        Assert.Contains("byte 44", run.Output); // the data chunk's payload follows a 44-byte canonical header
        Assert.Contains(ContentHash.OfFile(path), run.Output);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_answered_from_its_headers_without_decoding_it()
    {
        // 300 MB of (sparse) 16-bit PCM behind a data size of 0xFFFFFFFF, as a pipe writes it.
        var path = _temp.PathOf("huge.wav");
        using (var file = File.Create(path))
        {
            file.Write([.. "RIFF"u8, 0xFF, 0xFF, 0xFF, 0xFF, .. "WAVEfmt "u8, 16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0, .. "data"u8, 0xFF, 0xFF, 0xFF, 0xFF]);
            file.SetLength(300L * 1024 * 1024);
        }

        var probe = CliRun.Of("probe", "--json", path);
        var table = CliRun.Of("probe", path);
        var fix = CliRun.Of("fix", path);

        Assert.Contains("IVR1102", probe.Output);
        // Not measured: decoding 300 MB to measure a prompt that cannot be sent is what the size rule spares. The table
        // says so, not that the audio cannot be decoded (a plain PCM WAV can).
        Assert.Contains("\"loudness\": null", probe.Output);
        Assert.Contains("not measured: the file is over the platform's size limit", table.Output);
        Assert.Contains("IVR1203", fix.Output);
        Assert.Equal(1, fix.ExitCode);
    }

    [Fact]
    public void A_probe_that_finds_errors_exits_with_1_and_lists_them()
    {
        var path = _temp.Bytes("noise.wav", Enumerable.Range(0, 300).Select(i => (byte)(i * 31 + 7)).ToArray());

        var run = CliRun.Of("probe", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}(1,1): error IVR10", run.Output);
    }

    [Fact]
    public void A_probe_of_a_44k_stereo_file_lists_the_rules_it_breaks_never_problems_none()
    {
        var path = _temp.Wav("music.wav", sampleRate: 44100, channels: 2);

        var run = CliRun.Of("probe", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("44,100 Hz", run.Output);
        Assert.Contains("2 (stereo)", run.Output);
        Assert.DoesNotContain("none", run.Output);
        Assert.Contains("2 (listed below)", run.Output);
        Assert.Contains($"{path}(1,1): error IVR1103: ", run.Output);
        Assert.Contains($"{path}(1,1): error IVR1104: ", run.Output);
    }

    [Fact]
    public void Probing_a_missing_file_or_a_folder_is_a_usage_error()
    {
        Assert.Equal(2, CliRun.Of("probe", _temp.PathOf("missing.wav")).ExitCode);
        Assert.Equal(2, CliRun.Of("probe", _temp.Root).ExitCode);
        Assert.Equal(2, CliRun.Of("probe").ExitCode);
    }

    [Fact]
    public void The_table_has_a_row_for_every_probe_result_field()
    {
        var probe = new AudioProbeResult { Path = "x.wav" };

        var fields = ProbeCommand.Rows(probe, sha256: null).Select(r => r.Field).ToHashSet();

        var properties = typeof(AudioProbeResult).GetProperties().Select(p => p.Name);
        Assert.All(properties, name => Assert.Contains(name, fields));
    }
}
