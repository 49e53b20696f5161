using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Contract;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// The same audio promise on every platform: with normalizeVolume on (the default), what reaches the Genesys org is
/// levelled to the target P.56 speech level, as the media API's engine levels what it compiles. Checked on the audio
/// the emulator serves back after the sync (its mediaUri), measured with the P.56 meter (itself checked against the
/// ITU-T G.191 sv-p56 reference in the codec tests).
/// </summary>
public sealed class GenesysLevellingTests : IAsyncLifetime
{
    private const double Target = -26;
    private ArchitectEmulator _org = null!;

    public async Task InitializeAsync() => _org = await ArchitectEmulator.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    private PipelineSettings Settings(bool normalize, string download) => new()
    {
        CompileTimeout = TimeSpan.FromSeconds(30),
        CompiledPromptsDirectory = download,
        Options = new CompileOptions { NormalizeVolume = normalize, TargetSpeechLevelDbov = Target },
        Platform = MediaCompiler.Audio.Rules.TargetPlatform.Genesys,
        PlatformSettings = new GenesysBuildSettings(null, _org.Emulator.BaseAddress.ToString(), _org.Emulator.ClientId, _org.Emulator.ClientSecret,
            300, true, CheckFlows: false, DeleteOrphans: false, WorkDirectory: Path.Combine(_org.Folder, "obj", "genesys")),
    };

    private static PromptInput Input(string path, string name) =>
        new(path, name + ".en-us", 1, "alaw", path) { PromptName = name, Language = "en-us" };

    /// <summary>Real speech (an espeak-ng recording at 16 kHz) scaled by <paramref name="gainDb"/>, as a 16-bit PCM WAV.</summary>
    private string Speech(string name, double gainDb)
    {
        var gain = (float)Math.Pow(10, gainDb / 20);
        var source = PromptDecoder.Decode(SpeechFixtures.Bytes("menu_16k.wav"), "menu_16k.wav", SpeechFixtures.Probe("menu_16k.wav"), CancellationToken.None).Audio!;
        var samples = source.Samples.Select(s => Math.Clamp(s * gain, -1f, 1f)).ToArray();
        var path = Path.Combine(_org.Folder, "prompts", "en-us", name + ".wav");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, WavWriter.Pcm16(samples, source.SampleRate));
        return path;
    }

    private static double LevelOf(string wav)
    {
        var probe = AudioProbe.Probe(wav);
        var decoded = PromptDecoder.Decode(File.ReadAllBytes(wav), wav, probe, CancellationToken.None);
        var audio = decoded.Audio ?? throw new InvalidOperationException($"{wav}: {decoded.Error}");
        return SpeechVoltmeter.Measure(audio.Samples, audio.SampleRate).ActiveSpeechLevelDbov
            ?? throw new InvalidOperationException($"{wav}: no speech measured");
    }

    [Fact]
    public async Task Quiet_and_loud_prompts_reach_the_org_at_the_target_speech_level()
    {
        var quiet = Speech("Quiet_menu", -16);   // a WAV Genesys would take as it is, but far below the target
        var loud = Speech("Loud_menu", +8);      // near full scale: levelling must bring it down
        var mp3 = Path.Combine(_org.Folder, "prompts", "en-us", "Hold_music.mp3");
        File.WriteAllBytes(mp3, SpeechFixtures.Bytes("hold_44k_stereo_lame.mp3")); // converted: 44.1 kHz stereo MP3
        var output = Path.Combine(_org.Folder, "out");
        Assert.True(Math.Abs(LevelOf(quiet) - Target) > 6, "the quiet source must start far from the target");

        var log = new GenesysPlatformTests.RecordingLog();
        var result = await new PromptPipeline(Settings(normalize: true, output), log, _org.Clock)
            .RunOnPlatformAsync([Input(quiet, "Quiet_menu"), Input(loud, "Loud_menu"), Input(mp3, "Hold_music")],
                () => new GenesysPlatform((GenesysBuildSettings)Settings(normalize: true, output).PlatformSettings!, _org.Handler()), CancellationToken.None);

        Assert.True(result.Succeeded, log.ToString());
        foreach (var name in new[] { "Quiet_menu", "Loud_menu", "Hold_music" })
        {
            var served = Path.Combine(output, "en-us", name + ".wav");
            var level = LevelOf(served);
            Assert.True(Math.Abs(level - Target) <= 1.0, $"{name}: the org serves it at {level:0.00} dBov, target {Target} dBov");
        }
    }

    [Fact]
    public async Task A_second_build_takes_the_conversions_from_the_prompt_cache_and_uploads_nothing()
    {
        var loud = Speech("Loud_menu", +8);
        var mp3 = Path.Combine(_org.Folder, "prompts", "en-us", "Hold_music.mp3");
        File.WriteAllBytes(mp3, SpeechFixtures.Bytes("hold_44k_stereo_lame.mp3"));
        var output = Path.Combine(_org.Folder, "out");
        var settings = Settings(normalize: true, output) with { PromptCacheDirectory = Path.Combine(_org.Folder, "obj", "prompt-cache") };
        Task<PipelineResult> BuildAsync(GenesysPlatformTests.RecordingLog log) => new PromptPipeline(settings, log, _org.Clock)
            .RunOnPlatformAsync([Input(loud, "Loud_menu"), Input(mp3, "Hold_music")],
                () => new GenesysPlatform((GenesysBuildSettings)settings.PlatformSettings!, _org.Handler()), CancellationToken.None);
        var first = new GenesysPlatformTests.RecordingLog();
        Assert.True((await BuildAsync(first)).Succeeded, first.ToString());
        var converted = Path.Combine(_org.Folder, "obj", "genesys", "en-us", "Hold_music.wav");
        var bytes = File.ReadAllBytes(converted);

        var second = new GenesysPlatformTests.RecordingLog();
        var (result, requests) = await _org.CountAsync(() => BuildAsync(second));

        Assert.True(result.Succeeded, second.ToString());
        Assert.Contains("2 converted to 16-bit PCM mono WAV for Genesys Cloud (2 unchanged, from the prompt cache)", second.ToString(), StringComparison.Ordinal);
        Assert.False(requests.ContainsKey(PromptSyncEmulatorTests.Upload));
        Assert.Equal(bytes, File.ReadAllBytes(converted));
    }

    [Fact]
    public async Task With_normalisation_off_a_wav_the_platform_takes_is_uploaded_as_it_is()
    {
        var quiet = Speech("Quiet_menu", -16);
        var output = Path.Combine(_org.Folder, "out");

        var log = new GenesysPlatformTests.RecordingLog();
        var result = await new PromptPipeline(Settings(normalize: false, output), log, _org.Clock)
            .RunOnPlatformAsync([Input(quiet, "Quiet_menu")], () => new GenesysPlatform((GenesysBuildSettings)Settings(normalize: false, output).PlatformSettings!, _org.Handler()), CancellationToken.None);

        Assert.True(result.Succeeded, log.ToString());
        Assert.Equal(LevelOf(quiet), LevelOf(Path.Combine(output, "en-us", "Quiet_menu.wav")), 2);
    }
}
