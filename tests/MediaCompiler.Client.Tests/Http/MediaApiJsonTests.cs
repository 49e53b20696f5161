using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MediaCompiler.Contract;

namespace MediaCompiler.Client.Tests.Http;

/// <summary>
/// The media API's messages take their JSON metadata from code generated at compile time, and the wire format is
/// exactly what reflection gives for the same options: same names, nulls and defaults written, same values read.
/// </summary>
public sealed class MediaApiJsonTests
{
    private static readonly JsonSerializerOptions Reflected = new(MediaApiJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static readonly DateTimeOffset Submitted = new(2026, 12, 4, 9, 30, 15, 123, TimeSpan.Zero);

    public static TheoryData<object> Messages() =>
    [
        new TokenResponse("tok-1", "bearer", 3600),
        new ApiError("bad request", "bad.request", 400, "ctx-9", [new ApiErrorDetail("media[0].nodeId", "invalid", "empty"), new ApiErrorDetail(null, "x", "y")]),
        new AssetLookupRequest(["ab12", "cd34"]),
        new AssetLookupRequest(null),
        new AssetLookupResult([Asset()], ["ef56"]),
        new OutputArchiveRequest(["welcome", "menu/main"]),
        new AssetBatchResult([new AssetBatchEntry(201, Asset(), null), new AssetBatchEntry(400, null, new ApiError("stereo", "IVR1104", 400, "ctx-1", []))]),
        Asset(),
        new MediaAssetListing([Asset(), Asset() with { SampleRate = 16000 }], 2),
        FullRequest(),
        new CompileRequest(),
        new CompileAccepted("job-1", CompileJobStates.Queued, "/api/v2/media/compile/job-1"),
        new CompileJobStatus("job-1", "flow", null, CompileJobStates.Completed, Submitted, Submitted.AddSeconds(2), null,
            [new CompileResult("a1", "n1", CompileResultStates.Ready, "ulaw", "https://x/y", null, null, [new CompileWarning("W1", "quiet")]) { OutputHash = "ff" },
             new CompileResult("a2", "n2", CompileResultStates.Rejected, "ulaw", null, "E1", "too long")]),
    ];

    private static CompileRequest FullRequest() => new()
    {
        FlowId = "main-menu-flow",
        Encoding = "ulaw",
        CorrelationId = "corr",
        Options = new CompileOptions { NormalizeVolume = false, TargetSpeechLevelDbov = -26.5 },
        Media = [new CompileMediaEntry { AssetId = "a1", NodeId = "n1", Format = "wav", SampleRate = 8000, FallbackEncoding = "alaw" }, new CompileMediaEntry()],
    };

    private static MediaAssetDto Asset() => new("asset-1", "welcome.wav", "wav", 8044, 8000, null, "ab12", "/api/v2/media/assets/asset-1", Submitted);

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_is_written_and_read_as_reflection_would(object message)
    {
        var type = message.GetType();

        var generated = JsonSerializer.Serialize(message, type, MediaApiJson.Options);
        var reflected = JsonSerializer.Serialize(message, type, Reflected);
        var readBack = JsonSerializer.Deserialize(reflected, type, MediaApiJson.Options);

        Assert.Equal(reflected, generated);
        Assert.Equal(reflected, JsonSerializer.Serialize(readBack, type, Reflected));
        // All but CompileRequest, whose init-only defaults the .NET 8 generator would lose on reads.
        var resolver = MediaApiJson.Options.GetTypeInfo(type).OriginatingResolver;
        Assert.Equal(type != typeof(CompileRequest), resolver is JsonSerializerContext);
    }

    public static TheoryData<CompileRequest> Requests() =>
    [
        FullRequest(),
        new CompileRequest(),
        new CompileRequest { FlowId = "f", WebhookUrl = "https://hooks.example/x", Media = [], Options = new CompileOptions() },
    ];

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_compile_request_is_written_by_generated_code_as_reflection_would(CompileRequest request)
    {
        Assert.Equal(JsonSerializer.Serialize(request, Reflected), JsonSerializer.Serialize(request, MediaApiJson.CompileRequestWriter));
        Assert.IsAssignableFrom<JsonSerializerContext>(MediaApiJson.CompileRequestWriter.OriginatingResolver);
    }

    [Fact]
    public void Reads_stay_case_insensitive_and_omitted_members_keep_their_defaults()
    {
        var request = JsonSerializer.Deserialize<CompileRequest>("""{"FLOWID":"f","options":{"maxChannels":2},"media":[{"nodeId":"n"}]}""", MediaApiJson.Options)!;
        var job = JsonSerializer.Deserialize<CompileJobStatus>("""{"ID":"j","status":"RUNNING","results":[]}""", MediaApiJson.Options)!;

        Assert.Equal("f", request.FlowId);
        Assert.Equal(2, request.Options!.MaxChannels);
        Assert.True(request.Options.NormalizeVolume);
        Assert.Equal(1, request.Media![0].Priority);
        Assert.Equal("j", job.Id);
        Assert.Empty(job.Results);
    }
}
