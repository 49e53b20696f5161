using System.Net;
using System.Net.Sockets;
using MediaCompiler.Client.Tests.Fakes;
using MediaCompiler.Contract;

namespace MediaCompiler.Client.Tests.Http;

/// <summary>What each route makes of the engine's answers.</summary>
public sealed class ResponseMappingTests
{
    [Fact]
    public async Task Unknown_asset_is_null()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Error(HttpStatusCode.NotFound, "not.found", "No asset"));

        Assert.Null(await fixture.Client.GetAssetAsync("gone", CancellationToken.None));
        Assert.Equal("/api/v2/media/assets/gone", fixture.Handler.ApiRequests.Single().Uri.AbsolutePath);
    }

    [Fact]
    public async Task Find_by_hash_sends_the_hash_as_query_and_returns_the_entities()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Json(HttpStatusCode.OK,
            new MediaAssetListing([ScriptedHandler.Asset("a1", "sha256:beef"), ScriptedHandler.Asset("a2", "sha256:beef")], 2)));

        var found = await fixture.Client.FindAssetsByContentHashAsync("sha256:beef", CancellationToken.None);

        Assert.Equal(["a1", "a2"], found.Select(a => a.Id));
        var request = fixture.Handler.ApiRequests.Single();
        Assert.Equal("/api/v2/media/assets", request.Uri.AbsolutePath);
        Assert.Equal("sha256:beef", Uri.UnescapeDataString(request.Uri.Query["?contentHash=".Length..]));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "IVR1003")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "IVR1010")]
    public async Task Rejected_upload_keeps_the_engines_own_code_and_message(HttpStatusCode status, string engineCode)
    {
        using var fixture = new ClientFixture();
        using var file = new TempFile("loud.wav", [9, 9, 9]);
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Error(status, engineCode, "Sample rate 44100 Hz is not allowed"));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => fixture.Client.UploadAssetAsync(file.Path, "sha256:99", CancellationToken.None));

        Assert.Equal(engineCode, ex.Code);
        Assert.Equal((int)status, ex.Status);
        Assert.Equal(engineCode, ex.Error?.Code);
        Assert.Contains("loud.wav", ex.Message);
        Assert.Contains("Sample rate 44100 Hz is not allowed", ex.Message);
        Assert.Single(fixture.Handler.ApiRequests);
    }

    [Fact]
    public async Task Rejected_upload_without_an_error_body_has_the_generic_upload_code()
    {
        using var fixture = new ClientFixture();
        using var file = new TempFile("a.wav", [1]);
        fixture.Handler.Api = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.RequestEntityTooLarge));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => fixture.Client.UploadAssetAsync(file.Path, "sha256:1", CancellationToken.None));

        Assert.Equal("IVR4008", ex.Code);
        Assert.Equal(413, ex.Status);
        // The one place statuses become kinds: a 413 is about the file, so the build reports it there and goes on.
        Assert.Equal(RefusalKind.AboutTheFile, ex.Refusal?.Kind);
        Assert.Contains("HTTP 413", ex.Message);
    }

    [Fact]
    public async Task Rejected_upload_with_a_generic_engine_code_has_the_upload_code()
    {
        using var fixture = new ClientFixture();
        using var file = new TempFile("big.wav", [1]);
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Error(HttpStatusCode.RequestEntityTooLarge, "request.entity.too.large", "Body too large"));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => fixture.Client.UploadAssetAsync(file.Path, "sha256:1", CancellationToken.None));

        Assert.Equal("IVR4008", ex.Code);
        Assert.Contains("big.wav", ex.Message);
        Assert.Contains("Body too large", ex.Message);
    }

    [Fact]
    public async Task Upload_of_a_missing_file_is_a_coded_error()
    {
        using var fixture = new ClientFixture();

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() =>
            fixture.Client.UploadAssetAsync(Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid() + ".wav"), "sha256:1", CancellationToken.None));

        Assert.Equal("IVR4013", ex.Code);
        Assert.Empty(fixture.Handler.Requests);
    }

    [Fact]
    public async Task Compile_is_posted_as_json_and_202_returns_the_accepted_job()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Json(HttpStatusCode.Accepted,
            new CompileAccepted("job-1", CompileJobStates.Queued, "/api/v2/media/compile/job-1")));
        var request = new CompileRequest { FlowId = "flow-1", Encoding = "ulaw", Media = [new CompileMediaEntry { AssetId = "a1", NodeId = "n1" }] };

        var accepted = await fixture.Client.SubmitCompilationAsync(request, CancellationToken.None);

        Assert.Equal("job-1", accepted.Id);
        var sent = fixture.Handler.ApiRequests.Single();
        Assert.Equal("/api/v2/media/compile", sent.Uri.AbsolutePath);
        Assert.Equal("application/json", sent.ContentType?.MediaType);
        Assert.Contains("\"flowId\":\"flow-1\"", sent.BodyText);
        Assert.Contains("\"assetId\":\"a1\"", sent.BodyText);
    }

    [Fact]
    public async Task Rejected_compile_lists_every_bad_field()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Error(HttpStatusCode.BadRequest, "bad.request", "The request is invalid",
            new ApiErrorDetail("media[0].assetId", "asset.not.found", "Unknown asset a9"),
            new ApiErrorDetail("encoding", "encoding.invalid", "Encoding must be ulaw or alaw")));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() =>
            fixture.Client.SubmitCompilationAsync(new CompileRequest { FlowId = "flow-7" }, CancellationToken.None));

        Assert.Equal("IVR4009", ex.Code);
        Assert.Equal(400, ex.Status);
        Assert.Equal(2, ex.Error?.Details.Count);
        Assert.Equal(RefusalKind.AboutTheRequest, ex.Refusal?.Kind);
        Assert.Equal(["media[0].assetId", "encoding"], ex.Refusal!.Details.Select(d => d.Field));
        Assert.Contains("flow-7", ex.Message);
        Assert.Contains("media[0].assetId", ex.Message);
        Assert.Contains("Unknown asset a9", ex.Message);
        Assert.Contains("Encoding must be ulaw or alaw", ex.Message);
    }

    [Fact]
    public async Task Unknown_compilation_is_a_coded_404()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => fixture.Client.GetCompilationAsync("job-x", CancellationToken.None));

        Assert.Equal("IVR4010", ex.Code);
        Assert.Equal(404, ex.Status);
        Assert.Contains("job-x", ex.Message);
    }

    [Theory]
    [InlineData(5, 600, "wait=5")]
    [InlineData(0.2, 600, "wait=1")]
    [InlineData(120, 600, "wait=60")]
    [InlineData(5, 4, "wait=2")]
    [InlineData(5, 1.5, null)]
    [InlineData(0, 600, null)]
    public async Task A_status_request_asks_the_engine_to_hold_it_for_whole_seconds_within_half_the_request_timeout(double waitSeconds, double timeoutSeconds, string? expected)
    {
        using var fixture = new ClientFixture();
        var status = new CompileJobStatus("job-1", "flow-1", null, CompileJobStates.Running, TimerWatchingClock.Start, null, null, []);
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Json(HttpStatusCode.OK, status));
        using var client = new HttpMediaEngineClient(new HttpMediaEngineClientOptions
        {
            BaseAddress = fixture.Options.BaseAddress,
            ClientId = fixture.Options.ClientId,
            ClientSecret = fixture.Options.ClientSecret,
            RequestTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            TimeProvider = fixture.Clock,
            Handler = fixture.Handler,
        });

        await client.WaitForCompilationAsync("job-1", TimeSpan.FromSeconds(waitSeconds), CancellationToken.None);

        Assert.Equal(expected, Assert.Single(fixture.Handler.ApiRequests).Prefer);
    }

    [Fact]
    public async Task Compilation_status_is_read()
    {
        using var fixture = new ClientFixture();
        var status = new CompileJobStatus("job-1", "flow-1", "corr-1", CompileJobStates.Completed, TimerWatchingClock.Start, TimerWatchingClock.Start,
            null, [new CompileResult("a1", "n1", CompileResultStates.Ready, "ulaw", "/api/v2/media/downloads/x.wav", null, null)]);
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Json(HttpStatusCode.OK, status));

        var read = await fixture.Client.GetCompilationAsync("job-1", CancellationToken.None);

        Assert.Equal(CompileJobStates.Completed, read.Status);
        Assert.Equal("/api/v2/media/downloads/x.wav", Assert.Single(read.Results).DownloadUri);
        Assert.Equal("/api/v2/media/compile/job-1", fixture.Handler.ApiRequests.Single().Uri.AbsolutePath);
    }

    [Theory]
    [InlineData("<html><body>Sign in to the proxy</body></html>")]
    [InlineData("{\"id\":")]
    [InlineData("null")]
    [InlineData("{\"name\":\"no id\"}")]
    public async Task Body_that_is_not_the_expected_json_is_a_malformed_response(string body)
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => fixture.Client.GetAssetAsync("a1", CancellationToken.None));

        Assert.Equal("IVR4007", ex.Code);
        Assert.Contains("/api/v2/media/assets/a1", ex.Message);
    }

    [Fact]
    public async Task Unexpected_status_is_a_coded_error()
    {
        using var fixture = new ClientFixture();
        // 409 on a read is transient now (retried like 429, the one table of both remotes); one nobody maps is not.
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Error((HttpStatusCode)418, "teapot", "Asset is locked"));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => fixture.Client.GetAssetAsync("a1", CancellationToken.None));

        Assert.Equal("IVR4012", ex.Code);
        Assert.Equal(418, ex.Status);
        Assert.Contains("Asset is locked", ex.Message);
    }

    [Fact]
    public async Task Download_resolves_a_relative_uri_against_the_base_address_and_writes_the_file()
    {
        using var fixture = new ClientFixture(baseAddress: "http://127.0.0.1:5080/engine/");
        using var folder = new TempFile("placeholder", []);
        var destination = Path.Combine(folder.Folder, "out", "welcome.wav");
        fixture.Handler.Api = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([82, 73, 70, 70, 1, 2]) });

        await fixture.Client.DownloadAsync("/api/v2/media/downloads/x.wav", destination, CancellationToken.None);

        Assert.Equal(new byte[] { 82, 73, 70, 70, 1, 2 }, await File.ReadAllBytesAsync(destination));
        var request = fixture.Handler.ApiRequests.Single();
        Assert.Equal("http://127.0.0.1:5080/engine/api/v2/media/downloads/x.wav", request.Uri.ToString());
        Assert.NotNull(request.BearerToken);
        Assert.Equal(["welcome.wav"], Directory.GetFiles(Path.GetDirectoryName(destination)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Download_from_another_origin_is_sent_without_the_access_token()
    {
        using var fixture = new ClientFixture();
        using var folder = new TempFile("placeholder", []);
        fixture.Handler.Api = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1]) });

        await fixture.Client.DownloadAsync("https://cdn.example.com/x.wav", Path.Combine(folder.Folder, "x.wav"), CancellationToken.None);

        var request = fixture.Handler.ApiRequests.Single();
        Assert.Equal("cdn.example.com", request.Uri.Host);
        Assert.Null(request.Authorization);
        Assert.Empty(fixture.Handler.TokenRequests);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/x.wav")]
    public async Task Download_from_a_non_http_address_is_refused(string downloadUri)
    {
        using var fixture = new ClientFixture();
        using var folder = new TempFile("placeholder", []);

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() =>
            fixture.Client.DownloadAsync(downloadUri, Path.Combine(folder.Folder, "x.wav"), CancellationToken.None));

        Assert.Equal("IVR4011", ex.Code);
        Assert.Empty(fixture.Handler.Requests);
    }

    [Fact]
    public async Task Failed_download_leaves_an_existing_file_untouched()
    {
        using var fixture = new ClientFixture();
        using var existing = new TempFile("welcome.wav", [7, 7, 7]);
        fixture.Handler.Api = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() =>
            fixture.Client.DownloadAsync("/api/v2/media/downloads/gone.wav", existing.Path, CancellationToken.None));

        Assert.Equal("IVR4011", ex.Code);
        Assert.Equal(new byte[] { 7, 7, 7 }, await File.ReadAllBytesAsync(existing.Path));
        Assert.Single(Directory.GetFiles(existing.Folder));
    }

    [Fact]
    public async Task Refused_connection_names_the_url_and_the_settings_to_check()
    {
        // A real socket: a port that was free a moment ago refuses at once.
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        using var client = new HttpMediaEngineClient(new HttpMediaEngineClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            ClientId = ScriptedHandler.ClientId,
            ClientSecret = ScriptedHandler.ClientSecret,
            MaxRetries = 0,
        });

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => client.GetAssetAsync("a1", CancellationToken.None));

        Assert.Equal("IVR4003", ex.Code);
        Assert.Contains($"http://127.0.0.1:{port}/oauth/token", ex.Message);
        Assert.Contains("GENESYS_BASE_URL", ex.Message);
        Assert.Contains("IvrEngineUrl", ex.Message);
        Assert.DoesNotContain(ScriptedHandler.ClientSecret, ex.ToString());
    }
}
