using System.Text.Json;
using MediaCompiler.Genesys.Sync;

namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>
/// Everything the SDK check compares, gathered once per test class: the emulator's route table and a walk of every
/// /api/v2 route, and the requests our client sent during three real syncs against the emulator.
/// </summary>
public sealed class ContractFindings : IAsyncLifetime
{
    internal SdkContract Sdk { get; } = SdkContract.Load();

    internal IReadOnlyList<EmulatorRoute> EmulatorRoutes { get; private set; } = [];

    internal List<ContractDifference> RouteDifferences { get; } = [];

    internal List<ContractDifference> QueryDifferences { get; } = [];

    internal List<ContractDifference> AnswerDifferences { get; } = [];

    internal List<ContractDifference> WireTypeDifferences { get; } = [];

    internal List<ContractDifference> ClientRequestDifferences { get; } = [];

    internal List<ContractDifference> ReplayDifferences { get; } = [];

    internal List<WalkedCall> Walk { get; private set; } = [];

    internal List<string> Notes { get; } = [];

    /// <summary>"Model.field" of every SDK field some emulator answer carried.</summary>
    internal HashSet<string> FieldsAnswered { get; } = new(StringComparer.Ordinal);

    internal List<SentRequest> ClientRequests { get; private set; } = [];

    internal List<SyncResult> ClientSyncs { get; } = [];

    internal IEnumerable<ContractDifference> All =>
        RouteDifferences.Concat(QueryDifferences).Concat(AnswerDifferences).Concat(WireTypeDifferences).Concat(ClientRequestDifferences).Concat(ReplayDifferences);

    /// <summary>
    /// The emulator's Genesys surface (Architect, and the division listing of the authorization API); its other
    /// /api/v2 routes (/api/v2/media) are the media API of our own contract.
    /// </summary>
    internal static readonly string[] GenesysPrefixes = ["/api/v2/architect/", "/api/v2/authorization/"];

    internal static bool IsGenesysRoute(EmulatorRoute route) => GenesysPrefixes.Any(p => route.Template.StartsWith(p, StringComparison.Ordinal));

    public async Task InitializeAsync()
    {
        await using (var org = await ArchitectEmulator.StartAsync())
        {
            EmulatorRoutes = EmulatorRouteTable.Read(org.Emulator);
        }

        var matched = new List<(EmulatorRoute Route, SdkRoute Sdk)>();
        foreach (var route in EmulatorRoutes.Where(IsGenesysRoute))
        {
            if (Sdk.Find(route.Method, route.Template) is { } sdkRoute)
            {
                matched.Add((route, sdkRoute));
            }
            else
            {
                RouteDifferences.Add(new($"emulator {route.Key}", $"no {route.Method} route of that path ({Sdk.Source} has {Nearest(route)})", "serve it"));
            }
        }

        foreach (var handler in matched.GroupBy(m => m.Route.Handler))
        {
            var named = handler.SelectMany(m => m.Sdk.Query).ToHashSet(StringComparer.Ordinal);
            foreach (var read in EmulatorRouteTable.QueryNamesReadBy(handler.Key).Where(q => !named.Contains(q)).Order(StringComparer.Ordinal))
            {
                QueryDifferences.Add(new($"emulator {handler.Key.Name} query '{read}'",
                    $"the routes it serves ({string.Join(", ", handler.Select(m => m.Route.Key).Distinct())}) take only {string.Join(", ", named.Order(StringComparer.Ordinal))}", "read it"));
            }
        }

        (Walk, var notes) = await EmulatorWalk.RunAsync(Sdk, matched);
        Notes.AddRange(notes);
        foreach (var call in Walk)
        {
            AnswerDifferences.AddRange(CheckAnswer(Sdk, call, FieldsAnswered));
        }

        WireTypeDifferences.AddRange(WireTypeCheck.Check(Sdk, typeof(Wire.PromptDto).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.Namespace == typeof(Wire.PromptDto).Namespace && !t.IsAbstract)));

        var (replayed, replayNotes) = await SdkRequestReplay.RunAsync(Sdk);
        ReplayDifferences.AddRange(replayed);
        Notes.AddRange(replayNotes);

        await RunClientAsync();
        foreach (var sent in ClientRequests)
        {
            ClientRequestDifferences.AddRange(CheckRequest(Sdk, sent));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>An emulator answer against the SDK route's answer model (an error against ErrorBody).</summary>
    internal static IEnumerable<ContractDifference> CheckAnswer(SdkContract sdk, WalkedCall call, ISet<string> seen)
    {
        var where = $"emulator {call.Sdk.Key} answer";
        if (call.Status >= 300)
        {
            return call.Body is { } error
                ? JsonShapeCheck.Check(sdk, error, "ErrorBody", where + $" ({call.Status})")
                : [new(where + $" ({call.Status})", "an ErrorBody on every error", "answer no body")];
        }

        return (call.Sdk.Response, call.Body) switch
        {
            (null, null) => [],
            (null, { } body) => [new(where, $"no answer body ({call.Sdk.Operation} returns void)", $"answer {Shorten(body)}")],
            ({ } model, null) => [new(where, $"an answer of model {model}", "answer no body")],
            ({ } model, { } body) => JsonShapeCheck.Check(sdk, body, model, where, seen),
        };
    }

    /// <summary>A request of our client against the SDK: its route, its query names (and required ones), its JSON body's model.</summary>
    internal static IEnumerable<ContractDifference> CheckRequest(SdkContract sdk, SentRequest sent)
    {
        var path = sent.Url.AbsolutePath;
        if (!path.StartsWith("/api/v2/", StringComparison.Ordinal))
        {
            yield break;
        }

        var route = sdk.FindForRequest(sent.Method, path);
        if (route is null)
        {
            yield return new($"client {sent.Method} {path}", "no such route", "send it");
            yield break;
        }

        var where = $"client {route.Key}";
        var names = System.Web.HttpUtility.ParseQueryString(sent.Url.Query).AllKeys.OfType<string>().ToList();
        foreach (var name in names.Where(n => !route.Query.Contains(n)).Distinct(StringComparer.Ordinal))
        {
            yield return new($"{where} query '{name}'", $"{route.Operation} takes only {string.Join(", ", route.Query)}", "send it");
        }

        foreach (var name in route.RequiredQuery.Where(r => !names.Contains(r)))
        {
            yield return new($"{where} query '{name}'", "it is required", "leave it out");
        }

        if (sent.JsonBody is not { } json)
        {
            yield break;
        }

        if (route.Body is not { } model)
        {
            yield return new($"{where} body", $"{route.Operation} takes no body", "send one");
            yield break;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var difference in JsonShapeCheck.Check(sdk, document.RootElement, model, where + " body"))
        {
            yield return difference;
        }

        foreach (var required in sdk.Models[model].Where(f => f.Value.Required).Select(f => f.Key))
        {
            if (!document.RootElement.TryGetProperty(required, out _))
            {
                yield return new($"{where} body $.{required}", $"{model}.{required} is required", "leave it out");
            }
        }
    }

    /// <summary>Three syncs through our real client: create two prompts, change one and add one, drop two (orphans deleted).</summary>
    private async Task RunClientAsync()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { ConsumingFlows = new Dictionary<string, string[]> { ["SdkClient_a"] = ["Main Menu"] } });
        using var recorder = new RecordingHandler(org.Handler());
        var baseOptions = org.Options(deleteOrphans: true);
        var options = new GenesysSyncOptions
        {
            BaseUrl = baseOptions.BaseUrl, ClientId = baseOptions.ClientId, ClientSecret = baseOptions.ClientSecret,
            BaseRetryDelay = baseOptions.BaseRetryDelay, MaxRetryDelay = baseOptions.MaxRetryDelay, FirstPollDelay = baseOptions.FirstPollDelay,
            MaxPollDelay = baseOptions.MaxPollDelay, ConflictRequeryTimeout = baseOptions.ConflictRequeryTimeout, TranscodeTimeout = baseOptions.TranscodeTimeout,
            DeleteOrphans = true, Handler = recorder, TimeProvider = org.Clock, Log = baseOptions.Log,
        };
        DesiredPrompt A(double f) => org.Prompt("SdkClient_a", EmulatorWalk.Language, f, text: "Hello");
        ClientSyncs.Add(await GenesysPromptSync.RunAsync([A(440), org.Prompt("SdkClient_b", EmulatorWalk.Language, 550)], options));
        ClientSyncs.Add(await GenesysPromptSync.RunAsync([A(660), org.Prompt("SdkClient_b", EmulatorWalk.Language, 550), org.Prompt("SdkClient_c", "fr-fr", 770)], options));
        ClientSyncs.Add(await GenesysPromptSync.RunAsync([A(660)], options));
        ClientRequests = recorder.Sent.ToList();
    }

    private string Nearest(EmulatorRoute route)
    {
        var near = Sdk.Routes.Where(r => SdkContract.SameTemplate(r.Path, route.Template)).Select(r => r.Method).ToList();
        return near.Count > 0 ? $"only {string.Join(", ", near)} on it" : "no route of that path at all";
    }

    private static string Shorten(JsonElement body)
    {
        var text = body.GetRawText();
        return text.Length > 120 ? text[..120] + "…" : text;
    }
}
