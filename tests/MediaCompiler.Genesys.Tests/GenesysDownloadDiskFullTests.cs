using MediaCompiler.Contract;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// IvrGenesysDownloadPrompts on a full disk (<see cref="DiskFullStream"/>: a real ENOSPC part-way through the write):
/// the download worked and the disk did not, so the build says IVR5010 on the prompt, naming the file it could not
/// write (not IVR6055 "download failed"), and leaves neither that file nor a temporary one.
/// </summary>
public sealed class GenesysDownloadDiskFullTests : IAsyncLifetime
{
    private ArchitectEmulator _org = null!;

    public async Task InitializeAsync() => _org = await ArchitectEmulator.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    [DevFullFact]
    public async Task A_transcoded_prompt_that_a_full_disk_cannot_take_is_ivr5010_on_the_prompt_naming_its_file()
    {
        var source = Path.Combine(_org.Folder, "prompts", "en-us", "Welcome.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        File.WriteAllBytes(source, PcmWav.Write16(Tones.Sine(440, 1.0, 16000, amplitude: 8000), 16000));
        var output = Path.Combine(_org.Folder, "out");
        var genesys = new GenesysBuildSettings(null, _org.Emulator.BaseAddress.ToString(), _org.Emulator.ClientId, _org.Emulator.ClientSecret,
            300, true, CheckFlows: false, DeleteOrphans: false, WorkDirectory: Path.Combine(_org.Folder, "obj", "genesys"),
            DownloadCompiledPrompts: true);
        var settings = new PipelineSettings
        {
            CompileTimeout = TimeSpan.FromSeconds(30),
            CompiledPromptsDirectory = output,
            Platform = MediaCompiler.Audio.Rules.TargetPlatform.Genesys,
            PlatformSettings = genesys,
        };
        var log = new GenesysPlatformTests.RecordingLog();
        var input = new PromptInput(source, "Welcome.en-us", 1, "alaw", source) { PromptName = "Welcome", Language = "en-us" };

        var (scope, failed) = DiskFullStream.Intercept(path => path.StartsWith(output, StringComparison.Ordinal));
        PipelineResult result;
        using (scope)
        {
            result = await new PromptPipeline(settings, log, _org.Clock)
                .RunOnPlatformAsync([input], () => new GenesysPlatform(genesys, _org.Handler()), CancellationToken.None);
        }

        Assert.False(result.Succeeded);
        Assert.Single(failed);
        var destination = Path.Combine(output, "en-us", "Welcome.wav");
        var diskFull = Assert.Single(log.Diagnostics, d => d.Code == "IVR5010");
        Assert.Equal(source, diskFull.File);
        Assert.Contains(destination, diskFull.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Diagnostics, d => d.Code == "IVR6055");
        Assert.Empty(Directory.Exists(output) ? Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories) : []);
    }
}
