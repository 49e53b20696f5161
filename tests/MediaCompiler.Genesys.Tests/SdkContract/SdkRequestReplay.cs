using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>
/// Replays the SDK's own requests (their exact query strings, as its ApiClient and axios build them) against the
/// emulator, and checks the emulator answers them as the SDK documents: several <c>name</c> values return every
/// matching prompt, several <c>language</c> values keep each named language, a batch delete answers an Operation.
/// </summary>
internal static class SdkRequestReplay
{
    public static async Task<(List<ContractDifference> Differences, List<string> Notes)> RunAsync(SdkContract sdk)
    {
        var differences = new List<ContractDifference>();
        var notes = new List<string>();
        await using var org = await ArchitectEmulator.StartAsync(new { IndexLagMilliseconds = 0, ReadAfterWriteNotFoundMilliseconds = 0, StatusListingLagMilliseconds = 0 });
        var token = await org.TokenAsync();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "SdkWire_a", "SdkWire_b" })
        {
            var prompt = await SendAsync(org, token, HttpMethod.Post, "/api/v2/architect/prompts", new { name });
            ids[name] = prompt.Body.GetProperty("id").GetString()!;
            await SendAsync(org, token, HttpMethod.Post, $"/api/v2/architect/prompts/{ids[name]}/resources", new { language = EmulatorWalk.Language, text = name });
        }

        foreach (var request in sdk.Requests)
        {
            var url = request.Url.Replace("id-a", ids["SdkWire_a"], StringComparison.Ordinal).Replace("id-b", ids["SdkWire_b"], StringComparison.Ordinal);
            var (status, body) = await SendAsync(org, token, new HttpMethod(request.Method), url, null);
            notes.Add($"{request.Operation} ({request.Call}): {request.Method} {url} -> {status}");
            var query = url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..];
            var where = $"emulator {request.Method} {url.Split('?')[0].Replace(ids["SdkWire_a"], "{promptId}", StringComparison.Ordinal)} as {sdk.SdkName} sends it ({query.Replace(ids["SdkWire_a"], "id-a", StringComparison.Ordinal).Replace(ids["SdkWire_b"], "id-b", StringComparison.Ordinal)})";
            switch (request.Call)
            {
                case "two names":
                    var names = Entities(body).Select(e => e.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList();
                    if (!names.SequenceEqual(["SdkWire_a", "SdkWire_b"]))
                    {
                        differences.Add(new(where, "getArchitectPrompts({name: [a, b]}) sends one comma-joined name and documents that every prompt matching any name is returned", $"return {Describe(status, names)}"));
                    }

                    break;
                case "two languages":
                    var languages = Entities(body).SelectMany(e => e.TryGetProperty("resources", out var r) ? r.EnumerateArray() : []).Select(r => r.GetProperty("language").GetString()).ToList();
                    if (!languages.Contains(EmulatorWalk.Language))
                    {
                        differences.Add(new(where, "getArchitectPrompts({language: [en-us, fr-fr]}) sends one comma-joined language; the en-us resource is among those asked for", $"return resources {Describe(status, languages)}"));
                    }

                    break;
                case "two ids" when status is 404 or 405:
                    notes.Add("The emulator does not serve the batch delete yet (coverage, not a disagreement).");
                    break;
                case "two ids":
                    differences.AddRange(status < 300
                        ? JsonShapeCheck.Check(sdk, body, "Operation", where)
                        : [new(where, "deleteArchitectPrompts(ids) sends one comma-joined id and answers an Operation", $"answer {status}")]);
                    break;
                default:
                    throw new InvalidOperationException($"No expectation for the SDK request '{request.Call}' of {request.Operation}: add one to SdkRequestReplay.");
            }
        }

        return (differences, notes);
    }

    private static IEnumerable<JsonElement> Entities(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("entities", out var entities) ? entities.EnumerateArray() : [];

    private static string Describe(int status, IReadOnlyCollection<string?> values) =>
        $"{(values.Count == 0 ? "none" : string.Join(", ", values))} (HTTP {status})";

    private static async Task<(int Status, JsonElement Body)> SendAsync(ArchitectEmulator org, string token, HttpMethod method, string url, object? body)
    {
        using var request = new HttpRequestMessage(method, url.TrimStart('/')) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await org.Admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
