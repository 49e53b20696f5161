using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// The resource's uploadUri first (the route the official tutorial and the Terraform provider use), the preview uploads
/// route (a pre-signed URL and the headers its PUT must carry) when a resource has none or its address is gone, and the
/// coded error when neither exists.
/// </summary>
public sealed class UploadRouteTests
{
    [Fact]
    public async Task Audio_goes_through_the_uploads_route_with_every_returned_header_when_there_is_no_uploadUri()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompt = org.Prompt("Welcome", "en-us", 440);

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([prompt], org.Options()));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(1, requests[PromptSyncEmulatorTests.UploadsRoute]);
        Assert.Equal(1, requests[PromptSyncEmulatorTests.Upload]);
        Assert.False(requests.ContainsKey(PromptSyncEmulatorTests.UploadUriPost));
        using var plain = new HttpClient();
        Assert.Equal(await File.ReadAllBytesAsync(prompt.AudioPath!), await plain.GetByteArrayAsync(Assert.Single(result.Resources).MediaUri));
    }

    [Fact]
    public async Task A_resource_with_an_uploadUri_uploads_there_and_the_preview_route_is_never_asked()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { OmitUploadUri = false });
        var prompt = org.Prompt("Welcome", "en-us", 440);

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync(
            [prompt, org.Prompt("Goodbye", "en-us", 450)], org.Options()));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(2, requests[PromptSyncEmulatorTests.UploadUriPost]);
        Assert.False(requests.ContainsKey(PromptSyncEmulatorTests.UploadsRoute));
        using var plain = new HttpClient();
        Assert.Equal(await File.ReadAllBytesAsync(prompt.AudioPath!), await plain.GetByteArrayAsync(result.Resources.Single(r => r.Prompt.Name == "Welcome").MediaUri));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Gone)]
    public async Task An_uploadUri_whose_address_is_gone_falls_back_to_the_uploads_route(HttpStatusCode gone)
    {
        await using var org = await ArchitectEmulator.StartAsync(new { OmitUploadUri = false });
        var options = org.Options(inFront: toEmulator => new AnswerUploadUri(gone, toEmulator));

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], options));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(1, requests[PromptSyncEmulatorTests.UploadsRoute]);
        Assert.Equal(1, requests[PromptSyncEmulatorTests.Upload]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_uploadUri_on_a_host_that_is_not_the_orgs_gets_no_token_and_the_uploads_route_takes_over(bool routeAvailable)
    {
        await using var org = await ArchitectEmulator.StartAsync(new { OmitUploadUri = false, UploadsRouteAvailable = routeAvailable });
        var prompt = org.Prompt("Welcome", "en-us", 440);
        ForeignUploadUri foreign = null!;

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([prompt], org.Options(inFront: toEmulator => foreign = new ForeignUploadUri(toEmulator))));

        Assert.Equal(0, foreign.SentThere);
        Assert.False(requests.ContainsKey(PromptSyncEmulatorTests.UploadUriPost));
        if (routeAvailable)
        {
            Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
            Assert.Equal(1, requests[PromptSyncEmulatorTests.Upload]);
        }
        else
        {
            var diagnostic = Assert.Single(result.AllDiagnostics);
            Assert.Equal(("IVR6014", prompt.AudioPath), (diagnostic.Code, diagnostic.File));
            Assert.Contains("uploads.evil.example", diagnostic.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_uploadUri_that_refuses_the_audio_is_IVR6013_with_its_status_and_no_second_route()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { OmitUploadUri = false });
        var prompt = org.Prompt("Welcome", "en-us", 440);
        var options = org.Options(inFront: toEmulator => new AnswerUploadUri(HttpStatusCode.RequestEntityTooLarge, toEmulator));

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([prompt], options));

        var diagnostic = Assert.Single(result.AllDiagnostics);
        Assert.Equal(("IVR6013", prompt.AudioPath), (diagnostic.Code, diagnostic.File));
        Assert.Contains("413", diagnostic.Message, StringComparison.Ordinal);
        Assert.False(requests.ContainsKey(PromptSyncEmulatorTests.UploadsRoute));
    }

    [Fact]
    public async Task Without_an_uploadUri_or_the_uploads_route_the_route_is_asked_once_per_sync()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { UploadsRouteAvailable = false });

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync(
            [org.Prompt("Welcome", "en-us", 440), org.Prompt("Goodbye", "en-us", 450)], org.Options()));

        Assert.False(result.Succeeded);
        Assert.All(result.AllDiagnostics, d => Assert.Equal("IVR6031", d.Code));
        Assert.Equal(2, result.AllDiagnostics.Count());
        Assert.Equal(1, requests[PromptSyncEmulatorTests.UploadsRoute]);
    }

    [Fact]
    public async Task Neither_the_uploads_route_nor_an_uploadUri_is_IVR6031_naming_both()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { UploadsRouteAvailable = false });
        var prompt = org.Prompt("Welcome", "en-us", 440);

        var result = await GenesysPromptSync.RunAsync([prompt], org.Options());

        Assert.False(result.Succeeded);
        var diagnostic = Assert.Single(result.AllDiagnostics);
        Assert.Equal(("IVR6031", prompt.AudioPath), (diagnostic.Code, diagnostic.File));
        Assert.Contains("/uploads answered HTTP 404", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("no uploadUri", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_presigned_url_is_asked_for_again_once()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        RefuseFirstPut refusedOnce = null!;
        var options = org.Options(inFront: toEmulator => refusedOnce = new RefuseFirstPut(toEmulator));

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], options));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.True(refusedOnce.Refused);
        Assert.Equal(2, requests[PromptSyncEmulatorTests.UploadsRoute]);
    }

    [Fact]
    public async Task The_emulators_presigned_put_needs_every_signed_header_and_expires()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { ReadAfterWriteNotFoundMilliseconds = 0, ResourceCreateNotFoundMilliseconds = 0, UploadUrlExpirySeconds = 60 });
        var token = await org.TokenAsync();
        var id = await CreatePromptWithResourceAsync(org, token);
        var audio = TestWav.Sine(440);

        var first = await RequestUploadAsync(org, token, id);
        using (var withoutOneHeader = Put(first, audio, skip: "x-amz-meta-upload-id"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await org.Admin.SendAsync(withoutOneHeader)).StatusCode);
        }

        org.Clock.Advance(TimeSpan.FromSeconds(61));
        using (var expired = Put(first, audio))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await org.Admin.SendAsync(expired)).StatusCode);
        }

        token = await org.TokenAsync();
        using var fresh = Put(await RequestUploadAsync(org, token, id), audio);
        Assert.Equal(HttpStatusCode.OK, (await org.Admin.SendAsync(fresh)).StatusCode);
    }

    [Theory]
    [InlineData("bearer {0}")]
    [InlineData("{0}")]
    public async Task The_uploadUri_takes_a_lower_case_bearer_and_a_bare_token(string header)
    {
        await using var org = await ArchitectEmulator.StartAsync(new { ReadAfterWriteNotFoundMilliseconds = 0, ResourceCreateNotFoundMilliseconds = 0, OmitUploadUri = false });
        var token = await org.TokenAsync();
        var id = await CreatePromptWithResourceAsync(org, token);
        var resource = await org.GetJsonAsync<JsonDocument>($"api/v2/architect/prompts/{id}/resources/en-us", token);
        using var request = new HttpRequestMessage(HttpMethod.Post, resource!.RootElement.GetProperty("uploadUri").GetString())
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(TestWav.Sine(440)), "file", "welcome.wav" } },
        };
        request.Headers.TryAddWithoutValidation("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, header, token));

        Assert.Equal(HttpStatusCode.OK, (await org.Admin.SendAsync(request)).StatusCode);
    }

    private static async Task<string> CreatePromptWithResourceAsync(ArchitectEmulator org, string token)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "api/v2/architect/prompts") { Content = JsonContent.Create(new { name = "Welcome" }) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = await org.Admin.SendAsync(create);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var resource = new HttpRequestMessage(HttpMethod.Post, $"api/v2/architect/prompts/{id}/resources") { Content = JsonContent.Create(new { language = "en-us" }) };
        resource.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var added = await org.Admin.SendAsync(resource);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        return id;
    }

    private static async Task<JsonElement> RequestUploadAsync(ArchitectEmulator org, string token, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v2/architect/prompts/{id}/resources/en-us/uploads");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await org.Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static HttpRequestMessage Put(JsonElement upload, byte[] audio, string? skip = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("url").GetString()) { Content = new ByteArrayContent(audio) };
        foreach (var header in upload.GetProperty("headers").EnumerateObject().Where(h => h.Name != skip))
        {
            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString()))
            {
                request.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
        }

        return request;
    }

    /// <summary>Answers the first PUT to a pre-signed URL with 403 (as S3 does for an expired URL).</summary>
    /// <summary>Answers every multipart POST to a resource's uploadUri with one status, as an org whose address is gone or refuses.</summary>
    private sealed class AnswerUploadUri(HttpStatusCode status, HttpMessageHandler toEmulator) : DelegatingHandler(toEmulator)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath == "/uploads/v2/ivr"
                ? Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent("") })
                : base.SendAsync(request, cancellationToken);
    }

    /// <summary>Rewrites the uploadUri of every resource answer to another host, and counts what is sent there.</summary>
    private sealed class ForeignUploadUri(HttpMessageHandler toEmulator) : DelegatingHandler(toEmulator)
    {
        public int SentThere { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.Host == "uploads.evil.example")
            {
                SentThere++;
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("") };
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Content is { } content && request.RequestUri.AbsolutePath.Contains("/resources", StringComparison.Ordinal))
            {
                var body = await content.ReadAsStringAsync(cancellationToken);
                var rewritten = System.Text.RegularExpressions.Regex.Replace(body, "\"uploadUri\":\"https?://[^/\"]+", "\"uploadUri\":\"https://uploads.evil.example");
                var replaced = new StringContent(rewritten, System.Text.Encoding.UTF8, content.Headers.ContentType?.MediaType ?? "application/json");
                response.Content = replaced;
            }

            return response;
        }
    }

    private sealed class RefuseFirstPut(HttpMessageHandler toEmulator) : DelegatingHandler(toEmulator)
    {
        public bool Refused { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!Refused && request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.StartsWith("/emulator-uploads/", StringComparison.Ordinal))
            {
                Refused = true;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
