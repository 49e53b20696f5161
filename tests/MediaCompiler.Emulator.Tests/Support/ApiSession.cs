using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MediaCompiler.Audio;
using MediaCompiler.Contract;

namespace MediaCompiler.Emulator.Tests.Support;

/// <summary>A plain HttpClient on a running emulator, with the few calls the tests repeat. Nothing is retried.</summary>
internal sealed class ApiSession : IDisposable
{
    public ApiSession(RunningEmulator emulator, TimeSpan? timeout = null)
    {
        Emulator = emulator;
        Http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    public RunningEmulator Emulator { get; }

    public HttpClient Http { get; }

    public static FormUrlEncodedContent TokenForm(string clientId, string clientSecret, string grantType = "client_credentials") =>
        new(new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        });

    public async Task<TokenResponse> GetTokenAsync(string? clientId = null, string? clientSecret = null)
    {
        using var response = await Http.PostAsync("oauth/token", TokenForm(clientId ?? Emulator.ClientId, clientSecret ?? Emulator.ClientSecret));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenResponse>(MediaApiJson.Options))!;
    }

    /// <summary>Gets a token for the client (the demo client by default) and sends it on every later request.</summary>
    public async Task<ApiSession> LogInAsync(string? clientId = null, string? clientSecret = null)
    {
        var token = await GetTokenAsync(clientId, clientSecret);
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return this;
    }

    public static MultipartFormDataContent UploadForm(byte[] content, string fileName, string? contentHash)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (contentHash is not null)
        {
            form.Add(new StringContent(contentHash), "contentHash");
        }

        return form;
    }

    public Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName = "welcome.wav", bool declareHash = true) =>
        Http.PostAsync("api/v2/media/assets", UploadForm(content, fileName, declareHash ? ContentHash.Of(content) : null));

    public async Task<MediaAssetDto> UploadOkAsync(byte[] content, string fileName = "welcome.wav")
    {
        using var response = await UploadAsync(content, fileName);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<MediaAssetDto>(MediaApiJson.Options))!;
    }

    public static CompileRequest CompileRequestFor(string flowId, string encoding, params (string AssetId, string NodeId)[] media) => new()
    {
        FlowId = flowId,
        Encoding = encoding,
        CorrelationId = "build-42",
        Media = media.Select(m => new CompileMediaEntry { AssetId = m.AssetId, NodeId = m.NodeId }).ToList(),
    };

    public Task<HttpResponseMessage> SubmitAsync(CompileRequest request) =>
        Http.PostAsJsonAsync("api/v2/media/compile", request, MediaApiJson.Options);

    public async Task<CompileAccepted> SubmitOkAsync(CompileRequest request)
    {
        using var response = await SubmitAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<CompileAccepted>(MediaApiJson.Options))!;
    }

    public async Task<CompileJobStatus> GetJobAsync(string id)
    {
        using var response = await Http.GetAsync($"api/v2/media/compile/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<CompileJobStatus>(MediaApiJson.Options))!;
    }

    /// <summary>Polls the job over HTTP until it is COMPLETED or FAILED (bounded: a stuck job fails the test).</summary>
    public async Task<CompileJobStatus> PollUntilFinalAsync(string id)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var status = await GetJobAsync(id);
            if (CompileJobStates.IsFinal(status.Status))
            {
                return status;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Job {id} did not finish.");
    }

    public static async Task<ApiError> ReadErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await response.Content.ReadFromJsonAsync<ApiError>(MediaApiJson.Options);
        Assert.NotNull(error);
        Assert.Equal((int)response.StatusCode, error!.Status);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.False(string.IsNullOrWhiteSpace(error.ContextId));
        Assert.NotNull(error.Details);
        return error;
    }

    public static async Task<string> Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";

    public static JsonElement ParseJson(string text) => JsonDocument.Parse(text).RootElement.Clone();

    public void Dispose() => Http.Dispose();
}
