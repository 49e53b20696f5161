using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MediaCompiler.Genesys.Tests.Live;

/// <summary>The probes of the live check: questions the SDK leaves open (its "Open: only a real org can settle these").</summary>
internal sealed partial class LiveOrgCheck
{
    private const string Prompts = "api/v2/architect/prompts";

    private async Task ProbeAsync(LiveApi api, CancellationToken cancellationToken)
    {
        string? idA = null;
        await StepAsync("Prompt ids of the sync", async () =>
        {
            var listed = await api.GetAsync($"{Prompts}?name={Uri.EscapeDataString(NameA)}", cancellationToken);
            idA = listed.Entities.Where(e => e.GetProperty("name").GetString() == NameA).Select(e => e.GetProperty("id").GetString()).FirstOrDefault()
                ?? throw new InvalidOperationException($"{NameA} not listed by its exact name ({listed.Status}).");
            _created.Add(idA);
            return ("found by exact name", $"{NameA} = {idA}");
        });
        if (idA is null)
        {
            return;
        }

        JsonElement firstRead = default;
        await StepAsync("Tags written by the sync, read back (GET prompt)", async () =>
        {
            firstRead = Resource(await api.GetAsync($"{Prompts}/{idA}", cancellationToken));
            var tags = firstRead.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object ? t.EnumerateObject().Select(p => p.Name).ToList() : [];
            var ours = new[] { Sync.ManagedTags.HashKey, Sync.ManagedTags.ManagedByKey };
            var kept = ours.Where(tags.Contains).ToList();
            return (kept.Count == ours.Length ? "kept" : $"DROPPED {string.Join(", ", ours.Except(kept))}", "tag keys: " + string.Join(", ", tags));
        });
        await StepAsync("Resource state after the sync", () => Task.FromResult((
            Value(firstRead, "uploadStatus"),
            $"durationSeconds {Value(firstRead, "durationSeconds")}; audioFormat {Value(firstRead, "audioFormat")}; uploadUri {(firstRead.TryGetProperty("uploadUri", out var u) && u.ValueKind == JsonValueKind.String ? "returned, host " + new Uri(u.GetString()!).Host : "not returned")}")));
        await StepAsync("mediaUri: form, and the same string on a second read?", async () =>
        {
            var second = Resource(await api.GetAsync($"{Prompts}/{idA}", cancellationToken));
            var (a, b) = (Value(firstRead, "mediaUri"), Value(second, "mediaUri"));
            var signed = a.Contains("X-Amz-", StringComparison.Ordinal) ? "pre-signed (X-Amz-*)" : "not pre-signed";
            var same = a == b ? "same string" : PathOf(a) == PathOf(b) ? "new string, same path" : "new path";
            return ($"{signed}; {same}", $"host {Host(a)}; query names {string.Join(",", QueryNames(a))}");
        });

        await StepAsync("Name filter: exact name", () => CountOursAsync(api, $"name={Uri.EscapeDataString(NameA)}", cancellationToken));
        await StepAsync("Name filter: the run's prefix, no wildcard (prefix match?)", () => CountOursAsync(api, $"name={Uri.EscapeDataString(Prefix)}", cancellationToken));
        await StepAsync("Name filter: prefix with a trailing *", () => CountOursAsync(api, $"name={Uri.EscapeDataString(Prefix + "*")}", cancellationToken));
        await StepAsync("Name filter: exact name in upper case (case-insensitive?)", () => CountOursAsync(api, $"name={Uri.EscapeDataString(NameA.ToUpperInvariant())}", cancellationToken));
        await StepAsync("Two names, repeated name= (.NET/Go SDK form)", () => CountOursAsync(api, $"name={NameA}&name={NameB}", cancellationToken));
        await StepAsync("Two names, comma-joined name=a,b (JavaScript SDK form)", () => CountOursAsync(api, $"name={NameA},{NameB}", cancellationToken));
        await StepAsync("sortBy=name accepted?", async () =>
        {
            var answer = await api.GetAsync($"{Prompts}?name={NameA}&name={NameB}&sortBy=name&sortOrder=desc", cancellationToken);
            return (answer.Ok ? "yes" : $"refused ({answer.Status})", "order: " + string.Join(", ", answer.Entities.Select(e => e.GetProperty("name").GetString()!.Replace(Prefix, "<run>", StringComparison.Ordinal))));
        });
        await StepAsync("Paging: pageSize=1 over the run's two prompts", () => PagingAsync(api, cancellationToken));
        await StepAsync("Dependency tracking of a new prompt", async () =>
        {
            var answer = await api.GetAsync($"api/v2/architect/dependencytracking/consumingresources?id={idA}&objectType=USERPROMPT", cancellationToken);
            return (answer.Ok ? $"{answer.Entities.Count()} consumer(s)" : $"refused ({answer.Status}: {answer.Text("message")})",
                "fields: " + (answer.Body.ValueKind == JsonValueKind.Object ? string.Join(",", answer.Body.EnumerateObject().Select(p => p.Name)) : "(none)"));
        });
        await StepAsync("Preview uploads route POST …/resources/{lang}/uploads", () => PreviewUploadAsync(api, idA, cancellationToken));
    }

    /// <summary>How many of this run's two prompts a listing query returns (and how many prompts in all).</summary>
    private async Task<(string, string)> CountOursAsync(LiveApi api, string query, CancellationToken cancellationToken)
    {
        var answer = await api.GetAsync($"{Prompts}?{query}&includeResources=false", cancellationToken);
        if (!answer.Ok)
        {
            return ($"refused ({answer.Status})", answer.Text("message") ?? "");
        }

        var ours = answer.Entities.Select(e => e.GetProperty("name").GetString()!).Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return ($"{ours.Count} of ours", $"{query.Replace(Prefix, "<run>", StringComparison.Ordinal)} → {string.Join(", ", ours.Select(n => n.Replace(Prefix, "<run>", StringComparison.Ordinal)))}; total {Value(answer.Body, "total")}");
    }

    private async Task<(string, string)> PagingAsync(LiveApi api, CancellationToken cancellationToken)
    {
        var pages = new List<LiveAnswer>();
        for (var page = 1; page <= 2; page++)
        {
            pages.Add(await api.GetAsync($"{Prompts}?name={NameA}&name={NameB}&sortBy=name&pageSize=1&pageNumber={page}&includeResources=false", cancellationToken));
        }

        var names = pages.Select(p => string.Join("+", p.Entities.Select(e => e.GetProperty("name").GetString()!.Replace(Prefix, "<run>", StringComparison.Ordinal)))).ToList();
        var links = new[] { "firstUri", "previousUri", "nextUri", "lastUri", "pageCount" }.Where(pages[0].Has).ToList();
        return (names.Distinct().Count() == 2 && names.All(n => n.Length > 0) ? "two distinct pages" : "NOT two distinct pages",
            $"pages: {string.Join(" | ", names)}; total {Value(pages[0].Body, "total")}, pageCount {Value(pages[0].Body, "pageCount")}; page 1 has {string.Join(",", links)}");
    }

    /// <summary>Asks for a pre-signed upload; when given, PUTs a WAV to it with every header returned and waits for the transcode.</summary>
    private async Task<(string, string)> PreviewUploadAsync(LiveApi api, string promptId, CancellationToken cancellationToken)
    {
        var answer = await api.SendAsync(HttpMethod.Post, $"{Prompts}/{promptId}/resources/{Language}/uploads", null, cancellationToken);
        if (!answer.Ok || answer.Text("url") is not { } url)
        {
            return ($"not available ({answer.Status})", answer.Text("message") ?? "");
        }

        var headers = answer.Body.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object
            ? h.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase)
            : [];
        // The SDK does not say how the pre-signed URL takes the bytes: a PUT of the file (as pre-signed S3 uploads
        // take it) first, then a multipart POST with the part 'file' (as uploadUri takes it) if the PUT is refused.
        var wav = TestWav.Sine(550, seconds: 1.0);
        var put = await api.SendAsync(WithHeaders(new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(wav) }, headers), bearer: false, cancellationToken);
        var post = put.Ok ? null : await api.SendAsync(WithHeaders(new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(wav), "file", "live.wav" } },
        }, headers), bearer: false, cancellationToken);
        var state = put.Ok || post!.Ok ? await WaitForTranscodeAsync(api, promptId, cancellationToken) : "not uploaded";
        return ($"offered; PUT {put.Status}{(post is null ? "" : $", POST {post.Status}")}; then {state}", $"url host {new Uri(url).Host}; header names {string.Join(",", headers.Keys)}");
    }

    private static HttpRequestMessage WithHeaders(HttpRequestMessage request, Dictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content!.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Content!.Headers.ContentType ??= new MediaTypeHeaderValue("audio/wav");
        return request;
    }

    private async Task<string> WaitForTranscodeAsync(LiveApi api, string promptId, CancellationToken cancellationToken)
    {
        var deadline = settings.Time.GetUtcNow() + settings.TranscodeTimeout;
        var status = "";
        while (settings.Time.GetUtcNow() < deadline)
        {
            status = Value(Resource(await api.GetAsync($"{Prompts}/{promptId}", cancellationToken)), "uploadStatus");
            if (status is "transcoded" or "transcodeFailed")
            {
                return status;
            }

            await Task.Delay(settings.PollInterval, settings.Time, cancellationToken);
        }

        return $"still '{status}' after {settings.TranscodeTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
    }

    private static JsonElement Resource(LiveAnswer prompt) =>
        prompt.Body.ValueKind == JsonValueKind.Object && prompt.Body.TryGetProperty("resources", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().FirstOrDefault(e => e.TryGetProperty("language", out var l) && l.GetString() == Language)
            : throw new InvalidOperationException($"GET prompt answered {prompt.Status} without resources.");

    private static string Value(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : "(absent)";

    private static string PathOf(string uri) => Uri.TryCreate(uri, UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Path) : uri;

    private static string Host(string uri) => Uri.TryCreate(uri, UriKind.Absolute, out var u) ? u.Host : "(none)";

    private static IEnumerable<string> QueryNames(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) ? u.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]) : [];
}
