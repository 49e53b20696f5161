using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>One call of the walk: the emulator route, the SDK route it matched, what it answered.</summary>
internal sealed record WalkedCall(EmulatorRoute Route, SdkRoute Sdk, string Url, int Status, JsonElement? Body);

/// <summary>
/// Calls every route the emulator serves under /api/v2 once, in an order that makes each meaningful (creates, an
/// upload so resources carry mediaUri and durationSeconds, reads, updates, deletes deepest first), with the path
/// parameters, required query parameters and request bodies the SDK's definitions call for.
/// </summary>
internal static class EmulatorWalk
{
    public const string Language = "en-us";
    public const string MainPrompt = "SdkCheck_main";
    public const string UsedPrompt = "SdkCheck_used";

    public static async Task<(List<WalkedCall> Calls, List<string> Notes)> RunAsync(SdkContract sdk, IReadOnlyList<(EmulatorRoute Route, SdkRoute Sdk)> routes)
    {
        await using var org = await ArchitectEmulator.StartAsync(new
        {
            IndexLagMilliseconds = 0,
            ReadAfterWriteNotFoundMilliseconds = 0,
            ResourceCreateNotFoundMilliseconds = 0, // the walk checks answers' shapes; the awkward 404 has its own tests
            TranscodeDelayMilliseconds = 0,
            StatusListingLagMilliseconds = 0,
            ConsumingFlows = new Dictionary<string, string[]> { [UsedPrompt] = ["Main Menu"] },
        });
        var token = await org.TokenAsync();
        var notes = new List<string>();
        var mainId = await CreatePromptAsync(org, token, MainPrompt);
        var usedId = await CreatePromptAsync(org, token, UsedPrompt);
        var spareId = await CreatePromptAsync(org, token, "SdkCheck_spare");
        var calls = new List<WalkedCall>();
        var uploaded = false;
        foreach (var (route, sdkRoute) in routes.OrderBy(r => Phase(r.Route)))
        {
            if (!uploaded && Phase(route) >= 100)
            {
                uploaded = await UploadAsync(org, token, calls, notes);
                org.Clock.Advance(TimeSpan.FromSeconds(5));
            }

            var url = Fill(route.Template, mainId) + Query(sdkRoute, mainId, usedId, spareId);
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), url.TrimStart('/'));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (sdkRoute.Body is { } bodyModel)
            {
                request.Content = JsonContent.Create(ExampleBody(bodyModel, route));
            }

            using var response = await org.Admin.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            calls.Add(new WalkedCall(route, sdkRoute, url, (int)response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone()));
        }

        // Two error answers, so the ErrorBody shape is walked too: a missing prompt and a prompt a flow uses.
        calls.Add(await ProbeErrorAsync(org, token, sdk, routes, "GET", $"/api/v2/architect/prompts/{Guid.Empty:D}"));
        calls.Add(await ProbeErrorAsync(org, token, sdk, routes, "DELETE", $"/api/v2/architect/prompts/{usedId}?allResources=true"));
        return (calls, notes);
    }

    /// <summary>Creates first (shallow before deep), then reads, then updates, then deletes deepest first.</summary>
    private static int Phase(EmulatorRoute route)
    {
        var depth = route.Template.Trim('/').Split('/').Length;
        return route.Method switch
        {
            "POST" => depth,
            "GET" => 100,
            "PUT" => 200,
            "DELETE" => 400 - depth,
            _ => 500,
        };
    }

    private static string Fill(string template, string promptId)
    {
        var segments = template.Trim('/').Split('/').Select(segment => segment switch
        {
            "{promptId}" or "{id}" => promptId,
            "{languageCode}" or "{language}" => Language,
            _ when segment.StartsWith('{') => throw new InvalidOperationException($"The walk has no value for path parameter {segment} of {template}: add one to EmulatorWalk.Fill."),
            _ => segment,
        });
        return "/" + string.Join('/', segments);
    }

    /// <summary>The SDK's required query parameters, with values naming the walk's prompts (a batch delete takes the spare one).</summary>
    private static string Query(SdkRoute route, string mainId, string usedId, string spareId)
    {
        var values = route.RequiredQuery.Select(name => name switch
        {
            "id" when route.Method == "DELETE" => $"id={spareId}",
            "id" => $"id={(route.Path.Contains("dependencytracking", StringComparison.Ordinal) ? usedId : mainId)}",
            "objectType" => "objectType=USERPROMPT",
            "name" => $"name={UsedPrompt}",
            "version" => "version=1",
            _ => throw new InvalidOperationException($"The walk has no value for required query parameter '{name}' of {route.Key}: add one to EmulatorWalk.Query."),
        }).ToList();
        if (route.Query.Contains("allResources"))
        {
            values.Add("allResources=true");
        }

        return values.Count == 0 ? "" : "?" + string.Join('&', values);
    }

    /// <summary>A request body of the SDK model the route takes, with the fields a prompt sync writes.</summary>
    private static object ExampleBody(string model, EmulatorRoute route) => model switch
    {
        "Prompt" => new { name = route.Method == "POST" ? "SdkCheck_created" : MainPrompt, description = "walked by the SDK contract check" },
        "PromptAssetCreate" => new { language = Language, name = MainPrompt, text = "Welcome", ttsString = "Welcome", tags = new Dictionary<string, string[]> { ["sha256"] = ["00ff"] } },
        "PromptAsset" => new { name = MainPrompt, text = "Welcome back", ttsString = "Welcome back", tags = new Dictionary<string, string[]> { ["sha256"] = ["00ff"] } },
        _ => throw new InvalidOperationException($"The walk has no example body of SDK model {model} for {route.Key}: add one to EmulatorWalk.ExampleBody."),
    };

    private static async Task<string> CreatePromptAsync(ArchitectEmulator org, string token, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/architect/prompts") { Content = JsonContent.Create(new { name }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await org.Admin.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("id").GetString() ?? throw new InvalidOperationException($"POST /prompts answered {(int)response.StatusCode} {body}");
    }

    /// <summary>
    /// Uploads a WAV to the created resource, so later reads carry its media fields: to its uploadUri (outside every
    /// SDK), or, when the emulator gives none, through the preview uploads route's pre-signed URL (PUT of the bytes with
    /// every header it returned, then a multipart POST if the PUT is refused: the SDK does not say which).
    /// </summary>
    private static async Task<bool> UploadAsync(ArchitectEmulator org, string token, List<WalkedCall> calls, List<string> notes)
    {
        var created = calls.LastOrDefault(c => c.Route.Method == "POST" && c.Route.Template.EndsWith("/resources", StringComparison.Ordinal));
        var wav = TestWav.Sine(440);
        if (created?.Body is { } asset && asset.TryGetProperty("uploadUri", out var uploadUri) && uploadUri.GetString() is { } address)
        {
            var status = await SendAsync(org, HttpMethod.Post, address, token, Multipart(wav), []);
            notes.Add($"Uploaded a WAV to the uploadUri: {status}.");
            return true;
        }

        var offered = calls.LastOrDefault(c => c.Sdk.Operation == "postArchitectPromptResourceUploads");
        if (offered?.Body is { } upload && upload.TryGetProperty("url", out var url) && url.GetString() is { } presigned)
        {
            var headers = upload.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object
                ? h.EnumerateObject().Select(p => (p.Name, p.Value.GetString() ?? "")).ToList()
                : [];
            var put = await SendAsync(org, HttpMethod.Put, presigned, null, new ByteArrayContent(wav), headers);
            var post = put < 300 ? 0 : await SendAsync(org, HttpMethod.Post, presigned, null, Multipart(wav), headers);
            notes.Add($"No uploadUri; uploaded through the preview route's URL: PUT {put}{(post == 0 ? "" : $", POST {post}")}.");
            return true;
        }

        notes.Add("No uploadUri and no preview upload URL: nothing uploaded, so mediaUri, durationSeconds and audioFormat were not walked.");
        return true;
    }

    private static MultipartFormDataContent Multipart(byte[] wav) => new() { { new ByteArrayContent(wav), "file", "main.wav" } };

    private static async Task<int> SendAsync(ArchitectEmulator org, HttpMethod method, string address, string? token, HttpContent content, List<(string Name, string Value)> headers)
    {
        using var request = new HttpRequestMessage(method, address) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await org.Admin.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static async Task<WalkedCall> ProbeErrorAsync(ArchitectEmulator org, string token, SdkContract sdk, IReadOnlyList<(EmulatorRoute Route, SdkRoute Sdk)> routes, string method, string url)
    {
        var path = url.Split('?')[0];
        var sdkRoute = sdk.FindForRequest(method, path) ?? throw new InvalidOperationException($"The SDK has no route for {method} {path}.");
        var route = routes.First(r => r.Sdk == sdkRoute).Route;
        using var request = new HttpRequestMessage(new HttpMethod(method), url.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await org.Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new WalkedCall(route, sdkRoute, url, (int)response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
    }
}
