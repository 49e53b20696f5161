using System.Net;
using System.Text.Json;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Tests.Support;

namespace MediaCompiler.Emulator.Tests;

public sealed class AdminTests
{
    [Fact]
    public async Task Requests_are_counted_per_route_template_faulted_ones_included()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        await api.UploadOkAsync(TestAudio.Wav(8000));
        using (await api.Http.GetAsync("api/v2/media/assets/one")) { }
        using (await api.Http.GetAsync("api/v2/media/assets/two")) { }
        emulator.Faults.Set(new FaultSettings { ServerErrorRate = 1 });
        using (await api.Http.GetAsync("api/v2/media/assets/three")) { }
        using (await api.Http.GetAsync("emulator/faults")) { }

        using var response = await api.Http.GetAsync("emulator/requests");

        var counts = JsonSerializer.Deserialize<Dictionary<string, int>>(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(new Dictionary<string, int>
        {
            ["POST /oauth/token"] = 1,
            ["POST /api/v2/media/assets"] = 1,
            ["GET /api/v2/media/assets/{id}"] = 3,
        }, counts);
        Assert.Equal(counts, emulator.RequestCounts);
    }

    [Fact]
    public async Task Reset_forgets_assets_counts_and_faults_but_keeps_tokens()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));
        emulator.Faults.Set(new FaultSettings { ServiceUnavailableRate = 1, Routes = ["POST /oauth/token"] });

        using var reset = await api.Http.PostAsync("emulator/reset", content: null);
        var countsAfterReset = emulator.RequestCounts;
        using var gone = await api.Http.GetAsync($"api/v2/media/assets/{asset.Id}");
        using var token = await api.Http.PostAsync("oauth/token", ApiSession.TokenForm(emulator.ClientId, emulator.ClientSecret));

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(countsAfterReset);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Reset_with_tokens_clear_logs_every_client_out()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();

        using var reset = await api.Http.PostAsync("emulator/reset?tokens=clear", content: null);
        using var response = await api.Http.GetAsync("api/v2/media/assets/any");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid.token", (await ApiSession.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task An_unknown_route_is_404_with_an_error_body()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.GetAsync("api/v2/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not.found", (await ApiSession.ReadErrorAsync(response)).Code);
    }
}
