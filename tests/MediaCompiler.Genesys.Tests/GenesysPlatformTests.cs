using System.Diagnostics;
using System.Globalization;
using MediaCompiler.Diagnostics;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// The pipeline on the Genesys platform against the emulator: conversion before upload (checked by ffprobe and by the
/// emulator's strict transcoder, both independent of our converter), per-file errors, counts for the audit line.
/// </summary>
public sealed class GenesysPlatformTests : IAsyncLifetime
{
    private ArchitectEmulator _org = null!;

    public async Task InitializeAsync() => _org = await ArchitectEmulator.StartAsync(new { transcodeFailsFor = "^Broken" });

    public async Task DisposeAsync() => await _org.DisposeAsync();

    private PipelineSettings Settings(bool convert = true, string? download = null) => new()
    {
        CompileTimeout = TimeSpan.FromSeconds(30),
        CompiledPromptsDirectory = download,
        AuditLogPath = Path.Combine(_org.Folder, "audit.jsonl"),
        Platform = MediaCompiler.Audio.Rules.TargetPlatform.Genesys,
        PlatformSettings = new GenesysBuildSettings(null, _org.Emulator.BaseAddress.ToString(), _org.Emulator.ClientId, _org.Emulator.ClientSecret,
            300, convert, CheckFlows: true, DeleteOrphans: false, WorkDirectory: Path.Combine(_org.Folder, "obj", "genesys")),
    };

    private static PromptInput Input(string path, string name, string language) =>
        new(path, name + "." + language, 1, "alaw", path) { PromptName = name, Language = language };

    private Task<PipelineResult> RunAsync(PipelineSettings settings, RecordingLog log, params PromptInput[] prompts) =>
        new PromptPipeline(settings, log, _org.Clock)
            .RunOnPlatformAsync(prompts, () => new GenesysPlatform((GenesysBuildSettings)settings.PlatformSettings!, _org.Handler()), CancellationToken.None);

    [Fact]
    public async Task The_build_creates_its_prompts_in_IvrGenesysDivision_and_an_unknown_one_fails_on_IVR6036()
    {
        const string salesId = "5a1e5000-0000-4000-8000-000000000042";
        await _org.ConfigureAsync(new { transcodeFailsFor = "^Broken", Divisions = new Dictionary<string, string> { ["Sales"] = salesId } });
        var input = Input(_org.Prompt("Welcome", "en-us", 440).AudioPath!, "Welcome", "en-us");
        PipelineSettings In(string division) => Settings() with { PlatformSettings = ((GenesysBuildSettings)Settings().PlatformSettings!) with { Division = division } };

        var unknownLog = new RecordingLog();
        var unknown = await RunAsync(In("Marketing"), unknownLog, input);
        var log = new RecordingLog();
        var result = await RunAsync(In("Sales"), log, input);

        Assert.False(unknown.Succeeded);
        Assert.Contains("IVR6036", unknownLog.ToString(), StringComparison.Ordinal);
        Assert.True(result.Succeeded, log.ToString());
        var listing = await _org.GetJsonAsync<Wire.PromptListingDto>("api/v2/architect/prompts?divisionId=" + salesId, await _org.TokenAsync());
        Assert.Equal("Welcome", Assert.Single(listing!.Entities!).Name);
    }

    [Fact]
    public async Task An_org_that_never_answers_stops_the_sync_at_IvrSyncTimeout_with_IVR2104()
    {
        var settings = Settings() with { SyncTimeout = TimeSpan.FromMilliseconds(500) };
        var log = new RecordingLog();
        var started = _org.Clock.GetUtcNow();

        var result = await new PromptPipeline(settings, log, _org.Clock).RunOnPlatformAsync(
            [Input(_org.Prompt("Welcome", "en-us", 440).AudioPath!, "Welcome", "en-us")],
            () => new GenesysPlatform((GenesysBuildSettings)settings.PlatformSettings!, new NeverAnswers(_org.Clock)), CancellationToken.None);

        Assert.False(result.Succeeded);
        // The per-request timeout is 100 s and the token request is retried: without the deadline this runs for minutes
        // (of the test clock, which moves to each timeout as it comes).
        var took = _org.Clock.GetUtcNow() - started;
        Assert.True(took < TimeSpan.FromSeconds(30), $"took {took}");
        Assert.Contains("IVR2104", log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(int.MaxValue, false)]
    public async Task An_expired_mediaUri_is_signed_again_by_a_fresh_read_once_before_IVR6055(int refusals, bool saved)
    {
        var english = _org.Prompt("Welcome", "en-us", 440).AudioPath!;
        var output = Path.Combine(_org.Folder, "out");
        var settings = Settings(download: output);
        var log = new RecordingLog();
        using var expired = new ExpiredMedia(refusals, _org.Handler());

        var result = await new PromptPipeline(settings, log, _org.Clock).RunOnPlatformAsync([Input(english, "Welcome", "en-us")],
            () => new GenesysPlatform((GenesysBuildSettings)settings.PlatformSettings!, expired), CancellationToken.None);

        Assert.Equal(saved, result.Succeeded);
        Assert.Equal(saved, File.Exists(Path.Combine(output, "en-us", "Welcome.wav")));
        // Once refused, then a second link from a fresh GET of the resource: two media reads, never more.
        Assert.Equal(2, expired.MediaReads);
        if (!saved)
        {
            Assert.Contains("IVR6055", log.ToString(), StringComparison.Ordinal);
            Assert.Contains("freshly signed", log.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>Answers the first <c>refusals</c> reads of a mediaUri with 403, as S3 does for an expired pre-signed link.</summary>
    private sealed class ExpiredMedia(int refusals, HttpMessageHandler toEmulator) : DelegatingHandler(toEmulator)
    {
        private int _reads;

        public int MediaReads => _reads;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.StartsWith("/emulator-media/", StringComparison.Ordinal) && Interlocked.Increment(ref _reads) <= refusals)
            {
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A server that accepts every request and never answers (until the caller gives up).</summary>
    private sealed class NeverAnswers(EmulatorClock clock) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await clock.WaitForeverAsync(cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Fact]
    public async Task An_mp3_at_44k_stereo_is_converted_to_16k_mono_pcm_the_platform_transcodes()
    {
        var english = _org.Prompt("Welcome", "en-us", 440).AudioPath!;
        var german = Path.Combine(_org.Folder, "de-de", "Welcome.mp3");
        Directory.CreateDirectory(Path.GetDirectoryName(german)!);
        await Tool.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=500:sample_rate=44100:duration=1", "-ac", "2", "-b:a", "128k", german);
        var output = Path.Combine(_org.Folder, "out");
        var log = new RecordingLog();

        var (result, requests) = await _org.CountAsync(() => RunAsync(Settings(download: output), log, Input(english, "Welcome", "en-us"), Input(german, "Welcome", "de-de")));

        Assert.True(result.Succeeded, log.ToString());
        Assert.Equal(2, requests[PromptSyncEmulatorTests.Upload]);
        // The emulator transcodes only 16-bit PCM/A-law/µ-law mono WAV at 8 or 16 kHz: 'transcoded' is its verdict.
        var converted = Path.Combine(_org.Folder, "obj", "genesys", "de-de", "Welcome.wav");
        var probe = await Tool.RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels", "-of", "csv=p=0", converted);
        Assert.Equal("pcm_s16le,16000,1", probe.Trim());
        Assert.Equal(["de-de", "en-us"], result.CompiledPrompts.Select(p => p.Language).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(output, "de-de", "Welcome.wav")));
        Assert.True(File.Exists(Path.Combine(output, "en-us", "Welcome.wav")));
        var audit = File.ReadAllText(Path.Combine(_org.Folder, "audit.jsonl"));
        Assert.Contains("\"counts\":{\"promptsCreated\":1,\"resourcesCreated\":2,\"updated\":0,\"uploaded\":2,\"unchanged\":0,\"deleted\":0,\"requests\":", audit);
        Assert.Contains(log.Lines, line => line.Contains("2 synced with Genesys Cloud", StringComparison.Ordinal));

        // Converted again from the same source: the same bytes, so the same hash, so nothing is uploaded.
        var (again, againRequests) = await _org.CountAsync(() => RunAsync(Settings(), new RecordingLog(), Input(english, "Welcome", "en-us"), Input(german, "Welcome", "de-de")));
        Assert.True(again.Succeeded);
        Assert.False(againRequests.ContainsKey(PromptSyncEmulatorTests.Upload));
    }

    /// <summary>
    /// What voice talent, Mac tools, browsers, broadcast and Asterisk libraries deliver, none of which Genesys takes
    /// as it is: each is converted in-process (no ffmpeg is involved in the build) and uploaded as the WAV it transcodes.
    /// </summary>
    [Theory]
    [InlineData("aiff", "-ar 48000 -ac 2 -c:a pcm_s24be", "16000")]
    [InlineData("caf", "-ar 44100 -ac 1 -c:a pcm_s16le", "16000")]
    [InlineData("au", "-ar 8000 -ac 1 -c:a pcm_mulaw", "8000")]
    [InlineData("webm", "-ar 48000 -ac 1 -c:a libopus -b:a 32k -live 1", "16000")]
    [InlineData("mp2", "-ar 48000 -ac 2 -c:a mp2 -b:a 192k", "16000")]
    [InlineData("ulaw", "-ar 8000 -ac 1 -f mulaw", "8000")]
    public async Task A_delivered_format_is_converted_in_process_and_uploaded(string extension, string encoding, string rate)
    {
        var source = Path.Combine(_org.Folder, "en-us", "Menu." + extension);
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        await Tool.RunAsync("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=500:sample_rate=48000:duration=1", "-af", "volume=0.3", .. encoding.Split(' '), source]);
        var log = new RecordingLog();

        var (result, requests) = await _org.CountAsync(() => RunAsync(Settings(), log, Input(source, "Menu", "en-us")));

        Assert.True(result.Succeeded, log.ToString());
        Assert.Equal(1, requests[PromptSyncEmulatorTests.Upload]);
        var converted = Path.Combine(_org.Folder, "obj", "genesys", "en-us", "Menu.wav");
        var probe = await Tool.RunAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels", "-of", "csv=p=0", converted);
        Assert.Equal($"pcm_s16le,{rate},1", probe.Trim());
    }

    [Fact]
    public async Task With_conversion_off_an_mp3_is_an_error_before_any_request()
    {
        var mp3 = Path.Combine(_org.Folder, "en-us", "Hold.mp3");
        Directory.CreateDirectory(Path.GetDirectoryName(mp3)!);
        await Tool.RunAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=500:sample_rate=8000:duration=1", mp3);
        var log = new RecordingLog();

        var (result, requests) = await _org.CountAsync(() => RunAsync(Settings(convert: false), log, Input(mp3, "Hold", "en-us")));

        Assert.False(result.Succeeded);
        Assert.Empty(requests);
        var error = Assert.Single(log.Diagnostics, d => d.IsError);
        Assert.Equal(("IVR6053", mp3), (error.Code, error.File));
    }

    [Fact]
    public async Task A_prompt_the_platform_cannot_transcode_fails_on_its_file_and_the_others_still_sync()
    {
        var good = _org.Prompt("Fine", "en-us", 440).AudioPath!;
        var broken = _org.Prompt("Broken", "en-us", 450).AudioPath!;
        var log = new RecordingLog();

        var result = await RunAsync(Settings(), log, Input(good, "Fine", "en-us"), Input(broken, "Broken", "en-us"));

        Assert.False(result.Succeeded);
        var error = Assert.Single(log.Diagnostics, d => d.IsError);
        Assert.Equal(("IVR6015", broken), (error.Code, error.File));
    }

    internal sealed class RecordingLog : IPipelineLog
    {
        public List<Diagnostic> Diagnostics { get; } = [];
        public List<string> Lines { get; } = [];

        public void Report(Diagnostic diagnostic)
        {
            lock (Diagnostics)
            {
                Diagnostics.Add(diagnostic);
            }
        }

        public void Info(string message, bool important = false)
        {
            lock (Lines)
            {
                Lines.Add(message);
            }
        }

        public override string ToString() => string.Join("\n", Diagnostics.Select(d => d.ToString()).Concat(Lines));
    }

    private static class Tool
    {
        /// <summary>Runs ffmpeg/ffprobe with a bounded wait; its stdout.</summary>
        public static async Task<string> RunAsync(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var errors = await stderr;
            Assert.True(process.ExitCode == 0, string.Create(CultureInfo.InvariantCulture, $"{program} exited {process.ExitCode}: {errors}"));
            return await stdout;
        }
    }
}
