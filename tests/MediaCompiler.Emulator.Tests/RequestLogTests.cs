using System.Net;
using System.Text.Json;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Tests.Support;

namespace MediaCompiler.Emulator.Tests;

/// <summary><c>GET /emulator/requests/log</c>: the requests themselves (method, path, status, time), beside the counts.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task The_log_lists_each_api_request_with_its_path_and_status_and_never_its_query()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        await api.UploadOkAsync(TestAudio.Wav(8000));
        using (await api.Http.GetAsync("api/v2/media/assets/one?access_token=not-for-the-log")) { }
        emulator.Faults.Set(new FaultSettings { ServerErrorRate = 1 });
        using (await api.Http.GetAsync("api/v2/media/assets/two")) { }
        using (await api.Http.GetAsync("emulator/faults")) { }

        using var response = await api.Http.GetAsync("emulator/requests/log");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("not-for-the-log", text, StringComparison.Ordinal);
        var entries = JsonDocument.Parse(text).RootElement.EnumerateArray()
            .Select(e => (Method: e.GetProperty("method").GetString(), Path: e.GetProperty("path").GetString(), Status: e.GetProperty("status").GetInt32(),
                At: e.GetProperty("at").GetDateTimeOffset(), Ms: e.GetProperty("milliseconds").GetDouble()))
            .ToArray();
        Assert.Equal(
            [("POST", "/oauth/token", 200), ("POST", "/api/v2/media/assets", 201), ("GET", "/api/v2/media/assets/one", 404), ("GET", "/api/v2/media/assets/two", 500)],
            entries.Select(e => (e.Method, e.Path, e.Status)));
        Assert.All(entries, e => Assert.True(e.Ms >= 0));
        Assert.Equal(entries.Select(e => e.At).Order(), entries.Select(e => e.At));
        // The counts answer as before, from the same requests.
        Assert.Equal(4, emulator.RequestCounts.Values.Sum());

        using (await api.Http.PostAsync("emulator/reset", null)) { }
        using var afterReset = await api.Http.GetAsync("emulator/requests/log");
        Assert.Equal("[]", (await afterReset.Content.ReadAsStringAsync()).Trim());
    }
}
