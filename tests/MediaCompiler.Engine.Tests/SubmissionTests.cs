using MediaCompiler.Contract;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests;

public sealed class SubmissionTests : IDisposable
{
    private readonly MediaEngine _engine = new(new MediaEngineOptions { KnownFlowIds = ["flow-1", "flow-2"] });
    private readonly string _assetId;

    public SubmissionTests()
    {
        _assetId = _engine.Upload("welcome.wav", TestWav.Write(Signals.Speechlike(8000, 0.3), 8000, TestWav.Encoding.Pcm16)).Id;
    }

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void A_valid_request_is_accepted_as_QUEUED()
    {
        var outcome = _engine.SubmitCompilation(EngineFixture.Request("pcmu", (_assetId, "node-1")));

        Assert.True(outcome.IsAccepted);
        var accepted = outcome.Accepted!;
        Assert.Equal("QUEUED", accepted.Status);
        Assert.Equal($"/api/v2/media/compile/{accepted.Id}", accepted.SelfUri);
        var job = _engine.GetJob(accepted.Id)!;
        Assert.Equal("flow-1", job.FlowId);
        Assert.Equal("build-42", job.CorrelationId);
    }

    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "no media", "media", "IVR3104" },
        { "null media", "media", "IVR3104" },
        { "unknown encoding", "encoding", "IVR3109" },
        { "no encoding", "encoding", "IVR3109" },
        { "unknown asset", "media[1].assetId", "IVR3106" },
        { "no asset id", "media[1].assetId", "IVR3105" },
        { "duplicate node", "media[1].nodeId", "IVR3108" },
        { "no node id", "media[1].nodeId", "IVR3107" },
        { "no flow", "flowId", "IVR3102" },
        { "unknown flow", "flowId", "IVR3103" },
        { "stereo", "options.maxChannels", "IVR3110" },
        { "bad fallback", "media[0].fallbackEncoding", "IVR3109" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Each_bad_field_is_rejected_naming_it(string problem, string field, string code)
    {
        var good = EngineFixture.Request("ulaw", (_assetId, "node-1"), (_assetId, "node-2"));
        var media = good.Media!;
        var request = problem switch
        {
            "no media" => good with { Media = [] },
            "null media" => good with { Media = null },
            "unknown encoding" => good with { Encoding = "mp3" },
            "no encoding" => good with { Encoding = null },
            "unknown asset" => good with { Media = [media[0], media[1] with { AssetId = Guid.NewGuid().ToString() }] },
            "no asset id" => good with { Media = [media[0], media[1] with { AssetId = null }] },
            "duplicate node" => good with { Media = [media[0], media[1] with { NodeId = "node-1" }] },
            "no node id" => good with { Media = [media[0], media[1] with { NodeId = "" }] },
            "no flow" => good with { FlowId = null },
            "unknown flow" => good with { FlowId = "flow-9" },
            "stereo" => good with { Options = new CompileOptions { MaxChannels = 2 } },
            _ => good with { Media = [media[0] with { FallbackEncoding = "opus" }, media[1]] },
        };

        var outcome = _engine.SubmitCompilation(request);

        Assert.Null(outcome.Accepted);
        Assert.Equal(RejectionReason.Invalid, outcome.Rejection!.Reason);
        var detail = Assert.Single(outcome.Rejection!.Details);
        Assert.Equal(field, detail.Field);
        Assert.Equal(code, detail.Code);
        Assert.Equal(code, outcome.Rejection.Code);
        Assert.Contains(field.Split('.')[0].Split('[')[0], outcome.Rejection.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_problem_of_a_request_is_reported_at_once()
    {
        var request = new CompileRequest
        {
            FlowId = "flow-1",
            Encoding = "g729",
            Options = new CompileOptions { MaxChannels = 0 },
            Media =
            [
                new CompileMediaEntry { AssetId = _assetId, NodeId = "a" },
                new CompileMediaEntry { AssetId = "missing", NodeId = "a" },
            ],
        };

        var details = _engine.SubmitCompilation(request).Rejection!.Details;

        Assert.Equal(
            new[] { "encoding", "options.maxChannels", "media[1].assetId", "media[1].nodeId" },
            details.Select(d => d.Field ?? "(none)"));
        Assert.Equal("IVR3109", _engine.SubmitCompilation(request).Rejection!.Code);
    }

    [Fact]
    public void A_missing_body_is_rejected()
    {
        var outcome = _engine.SubmitCompilation(null!);

        Assert.Equal(RejectionReason.Invalid, outcome.Rejection!.Reason);
        Assert.Equal("IVR3101", outcome.Rejection!.Code);
    }

    [Fact]
    public void Without_known_flows_any_flow_id_is_accepted()
    {
        using var engine = new MediaEngine();
        var asset = engine.Upload("welcome.wav", TestWav.Write(Signals.Speechlike(8000, 0.3), 8000, TestWav.Encoding.Pcm16));

        var outcome = engine.SubmitCompilation(EngineFixture.Request("alaw", (asset.Id, "n")) with { FlowId = "anything" });

        Assert.True(outcome.IsAccepted);
    }
}
