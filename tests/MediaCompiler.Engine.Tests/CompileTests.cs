using MediaCompiler.Contract;
using MediaCompiler.Codecs.Dsp;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Engine.Tests;

public sealed class CompileTests : IDisposable
{
    private const int Edge = 200;
    private readonly MediaEngine _engine = new();
    private readonly ITestOutputHelper _output;

    public CompileTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _engine.Dispose();

    public static TheoryData<TestWav.Encoding, int, string> Conversions()
    {
        var data = new TheoryData<TestWav.Encoding, int, string>();
        foreach (var input in new[] { TestWav.Encoding.Pcm16, TestWav.Encoding.MuLaw, TestWav.Encoding.ALaw })
        {
            foreach (var rate in new[] { 8000, 16000 })
            {
                data.Add(input, rate, "ulaw");
                data.Add(input, rate, "alaw");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Conversions))]
    public async Task WAV_prompts_become_8kHz_mono_G711_that_sounds_like_the_input(TestWav.Encoding input, int rate, string encoding)
    {
        var asset = _engine.Upload($"prompt-{input}-{rate}.wav", TestWav.Write(Signals.Speechlike(rate, 1), rate, input));

        var job = await _engine.CompileAsync(EngineFixture.Request(encoding, (asset.Id, "menu")));

        Assert.Equal(CompileJobStates.Completed, job.Status);
        Assert.NotNull(job.CompletedDate);
        var result = Assert.Single(job.Results);
        Assert.Equal((asset.Id, "menu", CompileResultStates.Ready, encoding), (result.AssetId, result.NodeId, result.Status, result.Encoding));
        Assert.Equal($"/api/v2/media/compile/{job.Id}/output/menu", result.DownloadUri);
        Assert.Null(result.ErrorCode);

        var output = EngineFixture.DecodeG711Wav(_engine.GetDownload(result.DownloadUri!)!, out var wav);
        Assert.Equal(new[] { "fmt ", "fact", "data" }, wav.Chunks.Select(c => c.Id));
        Assert.Equal(encoding == "ulaw" ? 7 : 6, wav.FormatTag);
        Assert.Equal((1, 8000, 8000, 1, 8), (wav.Channels, wav.SampleRate, wav.ByteRate, wav.BlockAlign, wav.BitsPerSample));
        Assert.Equal(wav.Data.Length, BitConverter.ToInt32(wav.Body("fact")));
        Assert.Equal(8000, output.Length);

        var expected = Signals.Speechlike(8000, 1);
        var middle = new Range(Edge, expected.Length - Edge);
        double ncc = Measure.Ncc(expected.AsSpan(middle), output.AsSpan(middle));
        _output.WriteLine($"{input} {rate} Hz -> {encoding}: NCC {ncc:0.0000}, SNR {Measure.SnrDb(expected.AsSpan(middle), output.AsSpan(middle).ToArray().Select(x => x * (float)(Measure.Rms(expected.AsSpan(middle)) / Measure.Rms(output.AsSpan(middle)))).ToArray()):0.0} dB");
        Assert.True(ncc >= 0.95, $"normalised cross-correlation {ncc:0.0000}");
        // normalizeVolume is on by default: the P.56 active speech level lands on -26 dBov.
        Assert.InRange(MediaCompiler.Codecs.Loudness.SpeechVoltmeter.Measure(output, 8000).ActiveSpeechLevelDbov!.Value, -26.5, -25.5);
    }

    [Fact]
    public async Task Without_normalisation_the_level_is_kept()
    {
        var asset = _engine.Upload("quiet.wav", TestWav.Write(Signals.Tone(700, 0.2, 16000, 1), 16000, TestWav.Encoding.Pcm16));
        var request = EngineFixture.Request("alaw", (asset.Id, "n")) with { Options = new CompileOptions { NormalizeVolume = false } };

        var job = await _engine.CompileAsync(request);

        var output = EngineFixture.DecodeG711Wav(_engine.GetDownload(job.Results[0].DownloadUri!)!, out _);
        double level = Measure.Db(Measure.Rms(output.AsSpan(Edge, output.Length - (2 * Edge))) / (0.2 / Math.Sqrt(2)));
        Assert.InRange(level, -0.5, 0.5);
    }

    [Fact]
    public async Task Keeping_metadata_adds_an_INFO_chunk_naming_the_source()
    {
        var asset = _engine.Upload("greeting.wav", TestWav.Write(Signals.Speechlike(8000, 0.5), 8000, TestWav.Encoding.Pcm16));
        var request = EngineFixture.Request("ulaw", (asset.Id, "n")) with { Options = new CompileOptions { StripMetadata = false } };

        var job = await _engine.CompileAsync(request);

        var wav = TestWav.Parse(_engine.GetDownload(job.Results[0].DownloadUri!)!);
        Assert.Equal(new[] { "fmt ", "fact", "LIST", "data" }, wav.Chunks.Select(c => c.Id));
        Assert.Contains("INFO", System.Text.Encoding.ASCII.GetString(wav.Body("LIST")));
        Assert.Contains("greeting.wav", System.Text.Encoding.UTF8.GetString(wav.Body("LIST")));
    }

    [Fact]
    public async Task Node_ids_are_escaped_in_download_uris_which_resolve_with_or_without_host()
    {
        var asset = _engine.Upload("a.wav", TestWav.Write(Signals.Speechlike(8000, 0.5), 8000, TestWav.Encoding.Pcm16));

        var job = await _engine.CompileAsync(EngineFixture.Request("pcma", (asset.Id, "menu/main prompt")));

        var uri = job.Results[0].DownloadUri!;
        Assert.Equal($"/api/v2/media/compile/{job.Id}/output/menu%2Fmain%20prompt", uri);
        var bytes = _engine.GetDownload(uri)!;
        Assert.Equal(bytes, _engine.GetDownload("http://127.0.0.1:5080" + uri));
        Assert.Equal(bytes, _engine.GetDownload("https://media.example" + uri + "?download=1"));
        Assert.Null(_engine.GetDownload($"/api/v2/media/compile/{job.Id}/output/other"));
        Assert.Null(_engine.GetDownload($"/api/v2/media/compile/{Guid.NewGuid()}/output/menu"));
        Assert.Null(_engine.GetDownload("not a uri"));
    }

    [Fact]
    public async Task Silent_audio_is_rejected_and_fails_the_job_while_the_rest_compiles()
    {
        var silent = _engine.Upload("silence.wav", TestWav.Write(new float[8000], 8000, TestWav.Encoding.Pcm16));
        var fine = _engine.Upload("fine.wav", TestWav.Write(Signals.Speechlike(8000, 0.5), 8000, TestWav.Encoding.Pcm16));

        var job = await _engine.CompileAsync(EngineFixture.Request("ulaw", (silent.Id, "a"), (fine.Id, "b")));

        Assert.Equal(CompileJobStates.Failed, job.Status);
        Assert.Contains("1 of 2", job.Message);
        var rejected = job.Results[0];
        Assert.Equal((CompileResultStates.Rejected, "IVR3005"), (rejected.Status, rejected.ErrorCode));
        Assert.Contains("silence.wav", rejected.Message);
        Assert.Null(rejected.DownloadUri);
        Assert.Equal(CompileResultStates.Ready, job.Results[1].Status);
        Assert.NotNull(_engine.GetDownload(job.Results[1].DownloadUri!));
    }

    [Fact]
    public async Task JobFinished_is_raised_once_per_job_with_its_webhook()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<(string Id, string Status, string? Webhook)>();
        _engine.JobFinished += (status, webhook) => seen.Add((status.Id, status.Status, webhook));
        _engine.JobFinished += (_, _) => throw new InvalidOperationException("a failing subscriber must not hurt the job");
        var asset = _engine.Upload("a.wav", TestWav.Write(Signals.Speechlike(8000, 0.3), 8000, TestWav.Encoding.Pcm16));

        var first = await _engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "a")) with { WebhookUrl = "http://hooks.example/1" });
        var second = await _engine.CompileAsync(EngineFixture.Request("alaw", (asset.Id, "a")));

        Assert.Equal(
            new[] { (first.Id, "COMPLETED", (string?)"http://hooks.example/1"), (second.Id, "COMPLETED", (string?)null) }.OrderBy(x => x.Item1),
            seen.OrderBy(x => x.Id).Select(x => (x.Id, x.Status, x.Webhook)));
    }

    [FfmpegFact]
    public async Task Mp3_and_ogg_prompts_encoded_by_ffmpeg_are_decoded_in_process()
    {
        using var folder = new TempDirectory();
        var source = Path.Combine(folder.Path, "source.wav");
        File.WriteAllBytes(source, TestWav.Write(Signals.Speechlike(16000, 1), 16000, TestWav.Encoding.Pcm16));
        var expected = Signals.Speechlike(8000, 1);

        foreach (var (name, codec) in new[] { ("prompt.mp3", "libmp3lame -b:a 64k"), ("prompt.ogg", "libvorbis -q:a 5") })
        {
            var path = Path.Combine(folder.Path, name);
            RunFfmpeg($"-i {source} -ac 1 -ar 16000 -c:a {codec} {path}");
            var asset = _engine.Upload(name, File.ReadAllBytes(path));

            var job = await _engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "n")));

            Assert.True(job.Status == CompileJobStates.Completed, $"{name}: {job.Results[0].ErrorCode} {job.Results[0].Message}");
            var output = EngineFixture.DecodeG711Wav(_engine.GetDownload(job.Results[0].DownloadUri!)!, out var wav);
            Assert.Equal(7, wav.FormatTag);
            Assert.InRange(output.Length, 7600, 8400);
            // Lossy codecs shift and colour the signal a little: compare at the best alignment.
            var (ncc, lag) = Measure.BestNcc(expected.AsSpan(Edge * 2, expected.Length - (Edge * 4)), output, 800);
            _output.WriteLine($"{name}: NCC {ncc:0.0000} at lag {lag - (Edge * 2)} samples");
            Assert.True(ncc >= 0.95, $"{name}: normalised cross-correlation {ncc:0.0000} at lag {lag}");
        }
    }

    [FfmpegFact]
    public async Task An_mp3_that_decodes_far_shorter_than_its_header_declares_is_rejected()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "tone.mp3");
        File.WriteAllBytes(path, EngineFixture.Fixture("tone-16k.mp3"));
        var mp3 = File.ReadAllBytes(path);
        // The LAME Info header counts the frames; claiming three times as many makes the header promise ~3 s.
        int info = mp3.AsSpan().IndexOf("Info"u8);
        Assert.True(info > 0 && (mp3[info + 7] & 1) == 1, "the fixture has an Info header with a frame count");
        var frames = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(mp3.AsSpan(info + 8));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(mp3.AsSpan(info + 8), frames * 3);
        var asset = _engine.Upload("liar.mp3", mp3);

        var job = await _engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "n")));

        Assert.Equal(CompileJobStates.Failed, job.Status);
        Assert.Equal("IVR3006", job.Results[0].ErrorCode);
    }

    [Fact]
    public async Task Without_ffmpeg_mp3_prompts_compile_in_process()
    {
        using var engine = new MediaEngine(new MediaEngineOptions { FfmpegPath = "/nonexistent/bin/ffmpeg" });
        var asset = engine.Upload("tone.mp3", EngineFixture.Fixture("tone-16k.mp3"));

        var job = await engine.CompileAsync(EngineFixture.Request("ulaw", (asset.Id, "n")));

        var result = Assert.Single(job.Results);
        Assert.True(job.Status == CompileJobStates.Completed, $"{result.ErrorCode} {result.Message}");
        Assert.Equal(CompileResultStates.Ready, result.Status);
    }

    private static void RunFfmpeg(string arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Ffmpeg.Path!, "-nostdin -v error -y " + arguments)
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"ffmpeg {arguments}: {errors}");
    }
}
