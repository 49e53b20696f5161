using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaCompiler.Contract;
using MediaCompiler.Emulator.Tests.Support;
using MediaCompiler.Emulator.Webhooks;

namespace MediaCompiler.Emulator.Tests;

/// <summary>Issue #12: an engine server that cannot be turned against itself or broken by one request.</summary>
public sealed class HardeningTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "mc-emulator-hardening-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static async Task<ApiError> ErrorOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ApiError>(MediaApiJson.Options))!;

    [Theory]
    [InlineData("emulator/reset")]
    [InlineData("emulator/faults")]
    public async Task A_webhook_to_the_emulators_own_admin_routes_is_refused_at_submit(string adminRoute)
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));
        var request = ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "n1")) with { WebhookUrl = new Uri(emulator.BaseAddress, adminRoute).ToString() };

        using var response = await api.SubmitAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("IVR3403", error.Code);
        Assert.Equal("webhookUrl", Assert.Single(error.Details).Field);
        Assert.NotNull(emulator.Engine.GetAsset(asset.Id)); // nothing was wiped
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://127.0.0.1:70/")]
    [InlineData("not a url")]
    [InlineData("http://127.0.0.1:9/emulator/reset")]
    [InlineData("http://127.0.0.1:9//emulator/reset")]
    [InlineData("http://127.0.0.1:9/%2Femulator/reset")]
    [InlineData("http://127.0.0.1:9/%252Femulator/reset")]
    [InlineData("http://127.0.0.1:9/hooks/..%2F..%2Femulator/reset")]
    [InlineData("http://127.0.0.1:9/EMULATOR/faults")]
    public async Task A_webhook_url_that_could_never_be_called_is_refused_at_submit(string webhookUrl)
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));

        using var response = await api.SubmitAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "n1")) with { WebhookUrl = webhookUrl });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("IVR3403", (await ErrorOf(response)).Code);
    }

    [Fact]
    public async Task A_30000_entry_job_is_refused_with_413()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        // Written by hand, without the null fields a serialized request carries, so the body (about 1 MB) stays under
        // the server's body limit: the refusal must come from the entry cap, not from Kestrel.
        var media = string.Join(",", Enumerable.Range(0, 30_000).Select(i => $$"""{"assetId":"a","nodeId":"n{{i}}"}"""));
        using var body = new StringContent($$"""{"flowId":"{{emulator.FlowId}}","encoding":"ulaw","media":[{{media}}]}""", Encoding.UTF8, "application/json");

        using var response = await api.Http.PostAsync("api/v2/media/compile", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("IVR3400", (await ErrorOf(response)).Code);
    }

    [Fact]
    public async Task A_malformed_multipart_token_request_is_a_documented_400()
    {
        await using var emulator = await Emulators.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var body = new ByteArrayContent(Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_cre"));
        body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");

        using var response = await http.PostAsync("oauth/token", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("IVR3408", Assert.Single((await ErrorOf(response)).Details).Code);
    }

    [Fact]
    public async Task A_second_emulator_on_one_data_directory_is_refused_naming_the_holder()
    {
        await using var first = await Emulators.StartAsync(s => s.DataDirectory = _data);

        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => Emulators.StartAsync(s => s.DataDirectory = _data));

        Assert.Contains("IVR3404", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"process {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_resumed_after_a_restart_delivers_its_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        string jobId;
        await using (var before = await Emulators.StartAsync(s => s.DataDirectory = _data))
        {
            using var api = await new ApiSession(before).LogInAsync();
            var asset = await api.UploadOkAsync(TestAudio.Wav(8000));
            var accepted = await api.SubmitOkAsync(ApiSession.CompileRequestFor(before.FlowId, "ulaw", (asset.Id, "n1")) with { WebhookUrl = receiver.Url.ToString() });
            jobId = accepted.Id;
            await receiver.NextAsync();
        }

        // The state a crash mid-job leaves: the job QUEUED on disk with its submitter recorded.
        var jobFile = Path.Combine(_data, "jobs", jobId + ".json");
        var job = JsonNode.Parse(File.ReadAllText(jobFile))!.AsObject();
        job["status"] = CompileJobStates.Queued;
        job["completedDate"] = null;
        job["results"] = new JsonArray();
        File.WriteAllText(jobFile, job.ToJsonString());
        Directory.CreateDirectory(Path.Combine(_data, "webhook-submitters"));
        File.WriteAllText(Path.Combine(_data, "webhook-submitters", jobId), EmulatorSettingsDemoClientId());

        await using var after = await Emulators.StartAsync(s => s.DataDirectory = _data);
        var delivered = await receiver.NextAsync();

        var payload = JsonSerializer.Deserialize<WebhookPayload>(delivered.Body, MediaApiJson.Options)!;
        Assert.Equal((jobId, CompileJobStates.Completed), (payload.CompilationId, payload.Status));
        Assert.True(WebhookSignature.Verify(after.WebhookSecret, delivered.Body, delivered.Signature));
    }

    private static string EmulatorSettingsDemoClientId() => Configuration.EmulatorSettings.LoadDefaults().Clients[0].ClientId;

    [Fact]
    public async Task Issued_tokens_are_capped()
    {
        await using var emulator = await Emulators.StartAsync(s => s.MaxIssuedTokens = 3);
        using var api = new ApiSession(emulator);
        var tokens = new List<TokenResponse>();
        for (int i = 0; i < 5; i++)
        {
            tokens.Add(await api.GetTokenAsync());
        }

        using var oldest = new HttpRequestMessage(HttpMethod.Get, "api/v2/media/assets/x");
        oldest.Headers.Authorization = new("Bearer", tokens[0].AccessToken);
        using var newest = new HttpRequestMessage(HttpMethod.Get, "api/v2/media/assets/x");
        newest.Headers.Authorization = new("Bearer", tokens[4].AccessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Http.SendAsync(oldest)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.SendAsync(newest)).StatusCode);
    }

    [Fact]
    public async Task Answers_publish_the_clients_request_budget()
    {
        await using var emulator = await Emulators.StartAsync(s => s.RateLimit.RequestsPerWindow = 50);
        using var api = await new ApiSession(emulator).LogInAsync();

        using var first = await api.Http.GetAsync("api/v2/media/assets/x");
        using var second = await api.Http.GetAsync("api/v2/media/assets/x");

        Assert.Equal("50", first.Headers.GetValues(RateLimitHeaders.Limit).Single());
        Assert.Equal(("49", "48"), (first.Headers.GetValues(RateLimitHeaders.Remaining).Single(), second.Headers.GetValues(RateLimitHeaders.Remaining).Single()));
    }

    [Fact]
    public async Task A_truncated_output_is_answered_410_never_200()
    {
        await using var emulator = await Emulators.StartAsync(s => s.DataDirectory = _data);
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));
        var accepted = await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "n1")));
        var job = await api.PollUntilFinalAsync(accepted.Id);
        var output = Assert.Single(Directory.GetFiles(Path.Combine(_data, "outputs")));
        File.WriteAllBytes(output, File.ReadAllBytes(output)[..44]);

        using var single = await api.Http.GetAsync(job.Results[0].DownloadUri);
        using var archive = await api.Http.PostAsJsonAsync($"api/v2/media/compile/{accepted.Id}/outputs", new OutputArchiveRequest(["n1"]), MediaApiJson.Options);

        Assert.Equal((HttpStatusCode.Gone, "IVR3405"), (single.StatusCode, (await ErrorOf(single)).Code));
        Assert.Equal(HttpStatusCode.Gone, archive.StatusCode);
    }
}
