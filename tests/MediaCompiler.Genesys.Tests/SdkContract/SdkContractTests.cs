using Xunit.Abstractions;

namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>
/// Our emulator and our client against the official Genesys Cloud JavaScript SDK's route and model definitions
/// (tests/fixtures/genesys-sdk, extracted by build/extract-genesys-sdk-contract.sh): an oracle we did not write.
/// Each failure names the route or field, what the SDK says and what we do.
/// </summary>
public sealed class SdkContractTests(ContractFindings findings, ITestOutputHelper output) : IClassFixture<ContractFindings>
{
    [Fact]
    public void The_oracle_is_the_pinned_official_SDK()
    {
        var script = File.ReadAllText(Path.Combine(SdkContract.RepositoryRoot(), "build", "extract-genesys-sdk-contract.sh"));

        Assert.Equal("purecloud-platform-client-v2", findings.Sdk.SdkName);
        Assert.Contains($"GENESYS_SDK_VERSION:-{findings.Sdk.SdkVersion}", script, StringComparison.Ordinal);
        Assert.Contains(findings.Sdk.Routes, r => r.Operation == "getArchitectPrompts" && r.Key == "GET /api/v2/architect/prompts");
        Assert.Contains("POST /oauth/token", findings.Sdk.NotInSdk);
    }

    [Fact]
    public void Every_route_the_emulator_serves_under_api_v2_is_an_SDK_route_with_the_same_method_and_path()
    {
        var api = findings.EmulatorRoutes.Where(ContractFindings.IsGenesysRoute).ToList();
        output.WriteLine($"{api.Count} emulator routes under {string.Join(" and ", ContractFindings.GenesysPrefixes)}, checked against {findings.Sdk.Source}:");
        api.ForEach(r => output.WriteLine($"  {r.Key} -> {findings.Sdk.Find(r.Method, r.Template)?.Operation ?? "(none)"}"));
        output.WriteLine("Not Genesys API routes (media API, admin, token, upload, media links): " + string.Join(", ", findings.EmulatorRoutes.Where(r => !api.Contains(r)).Select(r => r.Key)));
        var served = api.Select(r => findings.Sdk.Find(r.Method, r.Template)).OfType<SdkRoute>().ToHashSet();
        output.WriteLine("SDK routes in scope the emulator does not serve: " + string.Join(", ", findings.Sdk.Routes.Where(r => !served.Contains(r)).Select(r => r.Key + (r.Preview ? " (preview)" : ""))));

        Assert.Contains(api, r => r.Key == "GET /api/v2/architect/prompts");
        Assert.Contains(api, r => r.Key == "GET /api/v2/authorization/divisions");
        AssertNoUnknown(findings.RouteDifferences);
    }

    [Fact]
    public void Query_parameters_the_emulator_reads_are_named_by_the_SDK() => AssertNoUnknown(findings.QueryDifferences);

    [Fact]
    public void Every_route_of_the_walk_answered_success_except_the_two_error_probes()
    {
        Assert.All(findings.Walk.SkipLast(2), call => Assert.True(call.Status < 300,
            $"{call.Route.Key} ({call.Url}) answered {call.Status}: {call.Body?.GetRawText()}; the walk's answer shapes are only checked on success"));
        Assert.All(findings.Walk.TakeLast(2), call => Assert.True(call.Status >= 400, $"{call.Url} answered {call.Status}, not an error"));
    }

    [Fact]
    public void Every_JSON_answer_of_the_emulator_has_only_fields_and_value_kinds_of_the_SDK_models()
    {
        foreach (var note in findings.Notes)
        {
            output.WriteLine(note);
        }

        foreach (var call in findings.Walk)
        {
            output.WriteLine($"{call.Route.Method} {call.Url} -> {call.Status} ({call.Sdk.Response ?? "void"})");
        }

        // The walk reached the shapes that matter: a prompt with a transcoded resource, its media fields and tags.
        var prompt = findings.Walk.First(c => c.Sdk.Operation == "getArchitectPrompt").Body!.Value;
        var resource = prompt.GetProperty("resources")[0];
        Assert.Equal("transcoded", resource.GetProperty("uploadStatus").GetString());
        Assert.True(resource.TryGetProperty("mediaUri", out _) && resource.TryGetProperty("tags", out _), resource.GetRawText());
        Assert.Contains(findings.Walk, c => c.Sdk.Operation == "getArchitectDependencytrackingConsumingresources" && c.Body!.Value.GetProperty("entities").GetArrayLength() > 0);
        var walkedModels = findings.FieldsAnswered.Select(f => f.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var model in walkedModels.Order(StringComparer.Ordinal))
        {
            var unseen = findings.Sdk.Models[model].Keys.Where(f => !findings.FieldsAnswered.Contains($"{model}.{f}")).ToList();
            output.WriteLine($"SDK fields of {model} no emulator answer carried: {(unseen.Count == 0 ? "none" : string.Join(", ", unseen))}");
        }

        AssertNoUnknown(findings.AnswerDifferences);
    }

    [Fact]
    public void Our_client_wire_types_read_and_write_only_fields_of_the_SDK_models() => AssertNoUnknown(findings.WireTypeDifferences);

    [Fact]
    public void Our_client_sends_SDK_routes_query_names_and_body_fields()
    {
        Assert.All(findings.ClientSyncs, sync => Assert.True(sync.Succeeded, string.Join(Environment.NewLine, sync.AllDiagnostics)));
        var routes = findings.ClientRequests
            .GroupBy(r => findings.Sdk.FindForRequest(r.Method, r.Url.AbsolutePath)?.Key ?? $"{r.Method} {r.Url.AbsolutePath} (not an SDK route)")
            .Select(g => $"{g.Count(),4}  {g.Key}").Order(StringComparer.Ordinal).ToList();
        output.WriteLine($"{findings.ClientRequests.Count} requests of three syncs, by SDK route:");
        routes.ForEach(output.WriteLine);

        Assert.Contains(findings.ClientRequests, r => r.Method == "PUT" && r.Url.AbsolutePath.Contains("/resources/", StringComparison.Ordinal));
        Assert.Contains(findings.ClientRequests, r => r.Method == "DELETE");
        AssertNoUnknown(findings.ClientRequestDifferences);
    }

    [Fact]
    public void The_emulator_answers_the_SDKs_own_requests_as_the_SDK_documents()
    {
        foreach (var note in findings.Notes)
        {
            output.WriteLine(note);
        }

        Assert.Contains(findings.Sdk.Requests, r => r.Url.Contains("name=SdkWire_a,SdkWire_b", StringComparison.Ordinal));
        AssertNoUnknown(findings.ReplayDifferences);
    }

    [Fact]
    public void Every_known_difference_is_still_seen()
    {
        var seen = findings.All.Select(d => d.Where).ToHashSet(StringComparer.Ordinal);
        foreach (var known in KnownDifferences.All)
        {
            output.WriteLine($"known: {known.Where} ({known.Reason})");
        }

        var stale = KnownDifferences.All.Where(k => !seen.Contains(k.Where)).Select(k => k.Where).ToList();
        Assert.True(stale.Count == 0, "These known differences are no longer seen; remove them from KnownDifferences.All: " + string.Join("; ", stale));
    }

    private void AssertNoUnknown(IEnumerable<ContractDifference> differences)
    {
        var all = differences.ToList();
        foreach (var known in all.Where(KnownDifferences.IsKnown))
        {
            output.WriteLine($"known difference (listed in KnownDifferences): {known}");
        }

        var unknown = all.Where(d => !KnownDifferences.IsKnown(d)).ToList();
        Assert.True(unknown.Count == 0, $"{unknown.Count} disagreement(s) with {findings.Sdk.Source}:{Environment.NewLine}" + string.Join(Environment.NewLine, unknown));
    }
}
