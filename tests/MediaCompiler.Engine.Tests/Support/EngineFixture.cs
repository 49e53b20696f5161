using MediaCompiler.Contract;

using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests.Support;

/// <summary>Shortcuts for driving a <see cref="MediaEngine"/> in tests.</summary>
internal static class EngineFixture
{
    /// <summary>A guard so that a broken engine fails the test instead of hanging it; not a speed assertion.</summary>
    public static CancellationToken Guard() => new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    public static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static MediaAssetDto Upload(this MediaEngine engine, string fileName, byte[] content)
    {
        var outcome = engine.UploadAsset(fileName, content, null);
        Assert.True(outcome.Asset is not null, $"upload of {fileName} was {outcome.Disposition}: {outcome.Rejection?.Code} {outcome.Rejection?.Message}");
        return outcome.Asset!;
    }

    public static CompileRequest Request(string encoding, params (string AssetId, string NodeId)[] media) => new()
    {
        FlowId = "flow-1",
        Encoding = encoding,
        CorrelationId = "build-42",
        Media = media.Select(m => new CompileMediaEntry { AssetId = m.AssetId, NodeId = m.NodeId }).ToArray(),
    };

    public static string Submit(this MediaEngine engine, CompileRequest request)
    {
        var outcome = engine.SubmitCompilation(request);
        Assert.True(outcome.Accepted is not null, $"submission was rejected: {outcome.Rejection?.Message}");
        return outcome.Accepted!.Id;
    }

    public static Task<CompileJobStatus> CompileAsync(this MediaEngine engine, CompileRequest request) =>
        engine.WaitForJobAsync(engine.Submit(request), Guard());

    public static float[] DecodeG711Wav(byte[] wav, out TestWav.Parsed parsed)
    {
        parsed = TestWav.Parse(wav);
        // Judged by NAudio's decoder, not by the engine's own G.711 tables.
        return MediaCompiler.TestSupport.G711Reference.DecodeToFloats(parsed.Data, parsed.FormatTag);
    }
}

/// <summary>A data directory that disappears after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mc-engine-tests-" + Guid.NewGuid().ToString("N"));

    public TempDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
