using System.Net;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Tests.Support;

namespace MediaCompiler.Emulator.Tests;

public sealed class HostTests
{
    [Fact]
    public void The_demo_configuration_ships_the_documented_demo_client_and_flows()
    {
        var settings = EmulatorSettings.LoadDefaults();

        var demo = settings.Clients[0];
        Assert.Equal("ivr-demo-client", demo.ClientId);
        Assert.False(string.IsNullOrEmpty(demo.ClientSecret));
        Assert.False(string.IsNullOrEmpty(demo.WebhookSecret));
        Assert.Equal(MediaScopes.All.Order(), demo.Scopes.Order());
        Assert.Contains("main-menu-flow", settings.FlowIds);
        Assert.Empty(settings.Validate());
    }

    [Fact]
    public async Task Started_without_settings_it_listens_on_loopback_with_the_demo_client()
    {
        await using var emulator = await EmulatorHost.StartAsync();

        Assert.Equal("127.0.0.1", emulator.BaseAddress.Host);
        Assert.NotEqual(0, emulator.BaseAddress.Port);
        Assert.Equal("ivr-demo-client", emulator.ClientId);
        using var api = new ApiSession(emulator);
        await api.GetTokenAsync();
    }

    [Fact]
    public async Task Command_line_configuration_overrides_the_demo_values()
    {
        await using var emulator = await EmulatorHost.StartAsync(args: ["--Emulator:TokenLifetimeSeconds=77", "--Emulator:FlowIds:0=other-flow"]);

        using var api = new ApiSession(emulator);
        Assert.Equal(77, (await api.GetTokenAsync()).ExpiresIn);
        Assert.Equal("other-flow", emulator.FlowId);
    }

    [Fact]
    public async Task Unusable_settings_fail_the_start_naming_each_problem()
    {
        var settings = EmulatorSettings.LoadDefaults();
        settings.Clients.Clear();
        settings.Faults.ServerErrorRate = 2;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EmulatorHost.StartAsync(settings));

        Assert.Contains("Clients", error.Message);
        Assert.Contains("ServerErrorRate", error.Message);
    }

    [Fact]
    public async Task Assets_and_compiled_outputs_survive_a_restart_on_the_same_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("mc-emulator-tests-");
        try
        {
            string assetId, jobId, downloadUri;
            await using (var first = await Emulators.StartAsync(s => s.DataDirectory = directory.FullName))
            {
                using var api = await new ApiSession(first).LogInAsync();
                assetId = (await api.UploadOkAsync(TestAudio.Wav(8000))).Id;
                jobId = (await api.SubmitOkAsync(ApiSession.CompileRequestFor(first.FlowId, "ulaw", (assetId, "n1")))).Id;
                downloadUri = Assert.Single((await api.PollUntilFinalAsync(jobId)).Results).DownloadUri!;
            }

            await using var second = await Emulators.StartAsync(s => s.DataDirectory = directory.FullName);
            using var again = await new ApiSession(second).LogInAsync();
            using var asset = await again.Http.GetAsync($"api/v2/media/assets/{assetId}");
            using var download = await again.Http.GetAsync(downloadUri.TrimStart('/'));

            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal("COMPLETED", (await again.GetJobAsync(jobId)).Status);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(8000, G711Wav.Parse(await download.Content.ReadAsByteArrayAsync()).SampleRate);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
