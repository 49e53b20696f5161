using System.Net;
using System.Net.Http.Json;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.Tests.Support;
using MediaCompiler.Engine;
using MediaCompiler.Contract;

namespace MediaCompiler.Emulator.Tests;

public sealed class FaultTests
{
    private static readonly string Query = "api/v2/media/assets?contentHash=sha256:" + new string('c', 64);

    private static async Task<int[]> StatusesAsync(ApiSession api, int count)
    {
        var statuses = new int[count];
        for (var i = 0; i < count; i++)
        {
            using var response = await api.Http.GetAsync(Query);
            statuses[i] = (int)response.StatusCode;
        }

        return statuses;
    }

    [Fact]
    public async Task A_seeded_share_of_500s_and_503s_repeats_exactly_for_the_same_seed()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var faults = new FaultSettings { Seed = 42, ServerErrorRate = 0.3, ServiceUnavailableRate = 0.3, RetryAfterSeconds = 2 };

        emulator.Faults.Set(faults);
        var first = await StatusesAsync(api, 40);
        emulator.Faults.Set(faults);
        var second = await StatusesAsync(api, 40);

        Assert.Equal(first, second);
        Assert.Contains(500, first);
        Assert.Contains(503, first);
        Assert.Contains(200, first);
        Assert.All(first, status => Assert.Contains(status, new[] { 200, 500, 503 }));
    }

    [Fact]
    public async Task An_injected_503_carries_retry_after_and_an_error_body()
    {
        await using var emulator = await Emulators.StartAsync(s =>
        {
            s.Faults.ServiceUnavailableRate = 1;
            s.Faults.RetryAfterSeconds = 3;
        });
        using var api = new ApiSession(emulator);

        using var response = await api.Http.PostAsync("oauth/token", ApiSession.TokenForm(emulator.ClientId, emulator.ClientSecret));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        Assert.Equal("service.unavailable", (await ApiSession.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task Faults_limited_to_a_route_leave_other_routes_alone()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        emulator.Faults.Set(new FaultSettings { ServerErrorRate = 1, Routes = ["POST /api/v2/media/assets"] });

        using var upload = await api.UploadAsync(TestAudio.Wav(8000));
        using var search = await api.Http.GetAsync(Query);

        Assert.Equal(HttpStatusCode.InternalServerError, upload.StatusCode);
        Assert.Equal("internal.server.error", (await ApiSession.ReadErrorAsync(upload)).Code);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }

    [Fact]
    public async Task A_dropped_connection_surfaces_as_HttpRequestException()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        emulator.Faults.Set(new FaultSettings { DropConnectionRate = 1 });

        await Assert.ThrowsAsync<HttpRequestException>(() => api.Http.GetAsync(Query));
    }

    [Fact]
    public async Task Added_latency_outlasts_a_short_client_timeout_on_the_faulted_route_only()
    {
        // 3 s: long enough for the unaffected request on a loaded machine, far shorter than the 30 s fault.
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator, timeout: TimeSpan.FromSeconds(3)).LogInAsync();
        emulator.Faults.Set(new FaultSettings { LatencyMilliseconds = 30_000, Routes = ["/api/v2/media/assets/{id}"] });

        await Assert.ThrowsAsync<TaskCanceledException>(() => api.Http.GetAsync("api/v2/media/assets/any-id"));
        using var unaffected = await api.Http.GetAsync(Query);
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
    }

    [Fact]
    public async Task Tokens_that_expire_early_are_refused_although_expires_in_promises_more()
    {
        await using var emulator = await Emulators.StartAsync(s => s.Faults.TokenLifetimeSeconds = 0);
        using var api = new ApiSession(emulator);

        var token = await api.GetTokenAsync();
        api.Http.DefaultRequestHeaders.Authorization = new("Bearer", token.AccessToken);
        using var response = await api.Http.GetAsync(Query);

        Assert.Equal(emulator.Settings.TokenLifetimeSeconds, token.ExpiresIn);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("token.expired", (await ApiSession.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task A_job_forced_to_fail_ends_FAILED()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));
        emulator.Faults.Set(new FaultSettings { JobFault = JobFault.Fail });

        var accepted = await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "n1")));
        var job = await api.PollUntilFinalAsync(accepted.Id);

        Assert.Equal(CompileJobStates.Failed, job.Status);
    }

    [Fact]
    public async Task A_never_finishing_job_is_reported_RUNNING_after_the_engine_finished_it_and_others_still_complete()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));
        emulator.Faults.Set(new FaultSettings { JobFault = JobFault.NeverFinish });

        var accepted = await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "n1")));
        // The fault lives in the emulator, not the engine: the engine really compiles the job (bounded wait)...
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var real = await emulator.Engine.WaitForJobAsync(accepted.Id, guard.Token);
        emulator.Faults.Set(new FaultSettings());
        var other = await api.PollUntilFinalAsync((await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "n2")))).Id);

        // ...and clients are shown a job that never ends, while jobs submitted without the fault complete.
        Assert.Equal(CompileJobStates.Completed, real.Status);
        var seen = await api.GetJobAsync(accepted.Id);
        Assert.Equal(CompileJobStates.Running, seen.Status);
        Assert.Null(seen.CompletedDate);
        Assert.Empty(seen.Results);
        Assert.Equal(CompileJobStates.Completed, other.Status);
    }

    [Fact]
    public async Task Faults_set_over_http_are_read_back_and_bad_values_are_400()
    {
        await using var emulator = await Emulators.StartAsync();
        using var admin = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var put = await admin.PutAsJsonAsync("emulator/faults", new
        {
            seed = 7,
            serviceUnavailableRate = 0.25,
            retryAfterSeconds = 1,
            latencyMilliseconds = 5,
            routes = new[] { "GET /api/v2/media/assets/{id}" },
            jobFault = "NeverFinish",
        });
        using var read = await admin.GetAsync("emulator/faults");
        using var bad = await admin.PutAsJsonAsync("emulator/faults", new { serverErrorRate = 1.5 });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var json = ApiSession.ParseJson(await read.Content.ReadAsStringAsync());
        Assert.Equal(7, json.GetProperty("seed").GetInt32());
        Assert.Equal(0.25, json.GetProperty("serviceUnavailableRate").GetDouble());
        Assert.Equal("NeverFinish", json.GetProperty("jobFault").GetString());
        Assert.Equal(JobFault.NeverFinish, emulator.Faults.Current.JobFault);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("ServerErrorRate", (await ApiSession.ReadErrorAsync(bad)).Message);
        Assert.Equal(7, emulator.Faults.Current.Seed);
    }

    [Theory]
    [InlineData("""{ "routes": null }""")]
    [InlineData("""{ "routes": [null] }""")]
    [InlineData("""{ "routes": [" "] }""")]
    public async Task Null_or_blank_routes_are_400_and_later_requests_still_answer(string body)
    {
        await using var emulator = await Emulators.StartAsync();
        using var admin = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var api = await new ApiSession(emulator).LogInAsync();

        using var bad = await admin.PutAsync("emulator/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Routes", (await ApiSession.ReadErrorAsync(bad)).Message);
        Assert.Equal(new[] { 200 }, await StatusesAsync(api, 1));
    }

    [Fact]
    public async Task Configured_faults_apply_from_the_start_and_DELETE_restores_them()
    {
        await using var emulator = await Emulators.StartAsync(s => s.Faults.ServerErrorRate = 1);
        using var admin = new HttpClient { BaseAddress = emulator.BaseAddress };
        emulator.Faults.Set(new FaultSettings());

        using var restored = await admin.DeleteAsync("emulator/faults");
        using var token = await admin.PostAsync("oauth/token", ApiSession.TokenForm(emulator.ClientId, emulator.ClientSecret));

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, token.StatusCode);
    }
}
