using System.Text.Json;

namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>
/// The SDK check itself can fail: deliberately wrong routes, fields, value kinds, query names and wire types are each
/// caught, and the failure names the route or field, what the SDK says and what we did.
/// </summary>
public sealed class SdkContractSelfTests
{
    private static readonly SdkContract Sdk = SdkContract.Load();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void An_invented_field_deep_in_a_listing_is_named_with_its_path_and_the_models_real_fields()
    {
        var listing = Json("""{"entities":[{"id":"p1","name":"Welcome","resources":[{"id":"en-us","mediaUrl":"https://x/a.wav","uploadStatus":"transcoded"}]}],"total":1}""");

        var difference = Assert.Single(JsonShapeCheck.Check(Sdk, listing, "PromptEntityListing", "emulator GET /api/v2/architect/prompts answer"));

        Assert.Equal("emulator GET /api/v2/architect/prompts answer $.entities[].resources[].mediaUrl", difference.Where);
        Assert.Contains("PromptAsset has no field 'mediaUrl'", difference.SdkSays, StringComparison.Ordinal);
        Assert.Contains("mediaUri", difference.SdkSays, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"durationSeconds":"1.5"}""", "$.durationSeconds", "number")]
    [InlineData("""{"languageDefault":"true"}""", "$.languageDefault", "boolean")]
    [InlineData("""{"tags":{"sha256":"abc"}}""", "$.tags{}", "Array<string>")]
    [InlineData("""{"audioFormat":{"sampleRate":"8000"}}""", "$.audioFormat.sampleRate", "number")]
    public void A_value_of_the_wrong_JSON_kind_is_caught(string asset, string path, string sdkType)
    {
        var difference = Assert.Single(JsonShapeCheck.Check(Sdk, Json(asset), "PromptAsset", "x"));

        Assert.Equal($"x {path}", difference.Where);
        Assert.StartsWith(sdkType, difference.SdkSays, StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_prompt_asset_of_the_SDK_model_passes()
    {
        var asset = Json("""{"id":"en-us","promptId":"p","language":"en-us","mediaUri":"https://m","uploadStatus":"transcoded","tags":{"sha256":["ab"]},"durationSeconds":1.5,"audioFormat":{"channels":1,"sampleRate":8000,"encoding":"ulaw"},"uploadUri":null}""");

        Assert.Empty(JsonShapeCheck.Check(Sdk, asset, "PromptAsset", "x"));
    }

    [Theory]
    [InlineData("GET", "/api/v2/architect/prompt/{id}")]
    [InlineData("PATCH", "/api/v2/architect/prompts/{promptId}")]
    [InlineData("POST", "/api/v2/architect/prompts/{promptId}/resources/{languageCode}")]
    public void A_route_the_SDK_does_not_define_is_not_found(string method, string template) => Assert.Null(Sdk.Find(method, template));

    [Fact]
    public void Routes_match_by_method_and_shape_whatever_the_parameter_names()
    {
        Assert.Equal("getArchitectPromptResource", Sdk.Find("GET", "/api/v2/architect/prompts/{id}/resources/{language}")?.Operation);
        Assert.Equal("deleteArchitectPrompts", Sdk.FindForRequest("DELETE", "/api/v2/architect/prompts")?.Operation);
        Assert.Equal("postArchitectPromptResourceUploads", Sdk.FindForRequest("POST", "/api/v2/architect/prompts/p1/resources/en-us/uploads")?.Operation);
    }

    [Fact]
    public void A_client_request_with_an_unknown_query_name_a_missing_required_one_or_a_wrong_body_is_named()
    {
        var listing = ContractFindings.CheckRequest(Sdk, new SentRequest("GET", new Uri("https://api.x/api/v2/architect/prompts?pageNumber=1&nameFilter=W"), null)).ToList();
        var consumers = ContractFindings.CheckRequest(Sdk, new SentRequest("GET", new Uri("https://api.x/api/v2/architect/dependencytracking/consumingresources?id=p1"), null)).ToList();
        var create = ContractFindings.CheckRequest(Sdk, new SentRequest("POST", new Uri("https://api.x/api/v2/architect/prompts"), """{"title":"Welcome"}""")).ToList();

        Assert.Equal("client GET /api/v2/architect/prompts query 'nameFilter'", Assert.Single(listing).Where);
        Assert.Equal("client GET /api/v2/architect/dependencytracking/consumingresources query 'objectType'", Assert.Single(consumers).Where);
        Assert.Equal(["client POST /api/v2/architect/prompts body $.title", "client POST /api/v2/architect/prompts body $.name"], create.Select(d => d.Where));
    }

    [Fact]
    public void An_emulator_answer_with_a_body_where_the_SDK_returns_nothing_is_caught()
    {
        var route = Sdk.FindForRequest("DELETE", "/api/v2/architect/prompts/p1")!;
        var call = new WalkedCall(new EmulatorRoute("DELETE", route.Path, typeof(object)), route, "/x", 200, Json("""{"deleted":true}"""));

        var difference = Assert.Single(ContractFindings.CheckAnswer(Sdk, call, new HashSet<string>()));

        Assert.Contains("returns void", difference.SdkSays, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wire_type_with_a_field_the_SDK_model_lacks_or_with_no_SDK_model_is_caught()
    {
        var differences = WireTypeCheck.Check(Sdk, [typeof(PromptAssetDto), typeof(FlowDto)]);

        Assert.Equal(["client PromptAssetDto.MediaUrl", "client FlowDto"], differences.Select(d => d.Where));
    }

    /// <summary>A client wire type with one deliberate mistake (mediaUrl for mediaUri).</summary>
    private sealed record PromptAssetDto(string? Language, string? MediaUrl);

    /// <summary>A wire type no SDK model of the prompt surface stands for.</summary>
    private sealed record FlowDto(string? Id);
}
