using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MediaCompiler.Genesys.Tests;

/// <summary>The emulator's Architect surface itself, over raw HTTP: the awkward behaviours a client must survive.</summary>
public sealed class ArchitectSurfaceTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        ArchitectEmulator org, HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await org.Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response);
    }

    private static async Task<string> CreateAsync(ArchitectEmulator org, string token, string name)
    {
        var (status, body, _) = await SendAsync(org, HttpMethod.Post, "api/v2/architect/prompts", token, new { name });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_duplicate_name_is_409_with_the_ErrorBody_shape()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var token = await org.TokenAsync();
        await CreateAsync(org, token, "Welcome");

        var (status, body, response) = await SendAsync(org, HttpMethod.Post, "api/v2/architect/prompts", token, new { name = "WELCOME" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(409, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("code").GetString()));
        Assert.Equal(response.Headers.GetValues("ININ-Correlation-Id").Single(), body.GetProperty("contextId").GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task A_new_prompt_is_404_right_after_the_create_and_missing_from_name_queries_while_the_index_lags()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { IndexLagMilliseconds = 60_000, ReadAfterWriteNotFoundMilliseconds = 60_000 });
        var token = await org.TokenAsync();
        var id = await CreateAsync(org, token, "Welcome");

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(org, HttpMethod.Get, $"api/v2/architect/prompts/{id}", token)).Status);
        var byName = (await SendAsync(org, HttpMethod.Get, "api/v2/architect/prompts?name=Welcome", token)).Body;
        Assert.Equal(0, byName.GetProperty("total").GetInt32());
        var all = (await SendAsync(org, HttpMethod.Get, "api/v2/architect/prompts", token)).Body;
        Assert.Equal(1, all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_name_filter_is_a_prefix_match()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { IndexLagMilliseconds = 0 });
        var token = await org.TokenAsync();
        await CreateAsync(org, token, "Main");
        await CreateAsync(org, token, "Main_menu");
        await CreateAsync(org, token, "Other");

        var body = (await SendAsync(org, HttpMethod.Get, "api/v2/architect/prompts?name=Main&sortBy=name", token)).Body;

        Assert.Equal(["Main", "Main_menu"], body.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Paging_past_the_cap_is_refused()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { PagingCap = 10 });
        var token = await org.TokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(org, HttpMethod.Get, "api/v2/architect/prompts?pageSize=5&pageNumber=2", token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(org, HttpMethod.Get, "api/v2/architect/prompts?pageSize=5&pageNumber=3", token)).Status);
    }

    [Fact]
    public async Task Tags_round_trip_and_a_second_resource_of_a_language_is_409()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { ReadAfterWriteNotFoundMilliseconds = 0, ResourceCreateNotFoundMilliseconds = 0, OmitUploadUri = false });
        var token = await org.TokenAsync();
        var id = await CreateAsync(org, token, "Welcome");
        var tags = new Dictionary<string, string[]> { ["sha256"] = ["ab"], ["filename"] = ["welcome.wav"] };

        var created = await SendAsync(org, HttpMethod.Post, $"api/v2/architect/prompts/{id}/resources", token, new { language = "en-us", tags });
        var again = await SendAsync(org, HttpMethod.Post, $"api/v2/architect/prompts/{id}/resources", token, new { language = "en-us" });
        var read = await SendAsync(org, HttpMethod.Get, $"api/v2/architect/prompts/{id}/resources/en-us", token);

        Assert.Equal("created", created.Body.GetProperty("uploadStatus").GetString());
        Assert.Contains("/uploads/v2/ivr?additionalInfo=", created.Body.GetProperty("uploadUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("welcome.wav", read.Body.GetProperty("tags").GetProperty("filename")[0].GetString());
        Assert.Equal("ab", read.Body.GetProperty("tags").GetProperty("sha256")[0].GetString());
    }

    [Fact]
    public async Task The_budget_answers_the_normalized_429_with_Retry_After()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { RequestsPerMinutePerToken = 2 });
        var token = await org.TokenAsync();
        await SendAsync(org, HttpMethod.Get, "api/v2/architect/prompts", token);
        await SendAsync(org, HttpMethod.Get, "api/v2/architect/prompts", token);

        var (status, body, response) = await SendAsync(org, HttpMethod.Get, "api/v2/architect/prompts", token);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("too.many.requests.retry.after", body.GetProperty("code").GetString());
        var seconds = (int)response.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.InRange(seconds, 1, 60);
        Assert.Equal($"Rate limit exceeded the maximum. Retry the request in [{seconds}] seconds", body.GetProperty("message").GetString());
        // Another token has its own budget.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(org, HttpMethod.Get, "api/v2/architect/prompts", await org.TokenAsync())).Status);
    }

    [Fact]
    public async Task Uploads_need_a_bearer_token_and_the_file_part()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { ReadAfterWriteNotFoundMilliseconds = 0, ResourceCreateNotFoundMilliseconds = 0, OmitUploadUri = false });
        var token = await org.TokenAsync();
        var id = await CreateAsync(org, token, "Welcome");
        var uploadUri = (await SendAsync(org, HttpMethod.Post, $"api/v2/architect/prompts/{id}/resources", token, new { language = "en-us" })).Body.GetProperty("uploadUri").GetString()!;

        async Task<HttpStatusCode> UploadAsync(string? bearer, string part)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uploadUri) { Content = new MultipartFormDataContent { { new ByteArrayContent(TestWav.Sine(440)), part, "w.wav" } } };
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            using var response = await org.Admin.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync(null, "file"));
        Assert.Equal(HttpStatusCode.BadRequest, await UploadAsync(token, "audio"));
        Assert.Equal(HttpStatusCode.OK, await UploadAsync(token, "file"));
        var status = (await SendAsync(org, HttpMethod.Get, $"api/v2/architect/prompts/{id}/resources/en-us", token)).Body.GetProperty("uploadStatus").GetString();
        Assert.Equal("uploaded", status);
    }

    [Fact]
    public async Task The_transcoded_media_downloads_without_authentication_and_holds_the_upload()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompt = org.Prompt("Welcome", "en-us", 440);
        var result = await GenesysPromptSync.RunAsync([prompt], org.Options());
        var mediaUri = Assert.Single(result.Resources).MediaUri!;

        using var plain = new HttpClient();
        var bytes = await plain.GetByteArrayAsync(mediaUri);

        Assert.Equal(await File.ReadAllBytesAsync(prompt.AudioPath!), bytes);
    }

    [Fact]
    public async Task The_emulators_reset_empties_the_org_and_restores_the_default_settings()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { PagingCap = 10 });
        var token = await org.TokenAsync();
        await CreateAsync(org, token, "Welcome");

        using (var reset = await org.Admin.PostAsync("emulator/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        var all = (await SendAsync(org, HttpMethod.Get, "api/v2/architect/prompts", token)).Body;
        Assert.Equal(0, all.GetProperty("total").GetInt32());
        var settings = await org.Admin.GetFromJsonAsync<JsonElement>("emulator/architect/settings");
        Assert.Equal(10_000, settings.GetProperty("pagingCap").GetInt32());
    }
}
