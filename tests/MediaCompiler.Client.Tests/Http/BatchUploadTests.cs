using System.Net;
using MediaCompiler.Audio;
using MediaCompiler.Client.Tests.Fakes;
using MediaCompiler.Contract;
using MediaCompiler.Emulator;

namespace MediaCompiler.Client.Tests.Http;

/// <summary>
/// The batch upload (media API 2.3): against the real emulator over loopback, and against scripted answers for what
/// the emulator never does (an engine without the route, smaller caps, a short answer).
/// </summary>
public sealed class BatchUploadTests : IDisposable
{
    private readonly List<TempFile> _files = [];

    public void Dispose() => _files.ForEach(f => f.Dispose());

    private AssetUpload Upload(string name, byte[] content)
    {
        var file = new TempFile(name, content);
        _files.Add(file);
        return new AssetUpload(file.Path, ContentHash.Of(content));
    }

    private AssetUpload[] Tones(int count) =>
        Enumerable.Range(0, count).Select(i => Upload($"p{i}.wav", TestWav.Tone(frequency: 300 + (40 * i)))).ToArray();

    [Fact]
    public async Task Against_the_emulator_one_request_stores_every_file_and_a_refused_file_is_its_own_outcome()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        using var client = new HttpMediaEngineClient(new HttpMediaEngineClientOptions
        {
            BaseAddress = emulator.BaseAddress,
            ClientId = emulator.ClientId,
            ClientSecret = emulator.ClientSecret,
        });
        var uploads = Tones(3).Append(Upload("stereo.wav", TestWav.Tone(channels: 2))).ToArray();

        var outcomes = await client.UploadAssetsAsync(uploads, CancellationToken.None);

        Assert.Equal(4, outcomes.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(uploads[i].ContentHash, outcomes[i].Asset!.ContentHash);
            Assert.Equal(outcomes[i].Asset!.Id, emulator.Engine.FindAssetsByContentHash(uploads[i].ContentHash).Single().Id);
        }
        var refusal = outcomes[3].Refusal!;
        Assert.Null(outcomes[3].Asset);
        Assert.Equal("IVR1104", refusal.Code);
        Assert.Equal(RefusalKind.AboutTheFile, refusal.Refusal!.Kind);
        Assert.Contains("stereo.wav", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(1, emulator.RequestCounts["POST /api/v2/media/assets/batch"]);
        Assert.False(emulator.RequestCounts.ContainsKey("POST /api/v2/media/assets"));
    }

    [Fact]
    public async Task An_engine_without_the_batch_route_gets_single_uploads_from_then_on()
    {
        using var fixture = new ClientFixture();
        var next = 0;
        fixture.Handler.Api = (request, _) => Task.FromResult(request.Uri.AbsolutePath.EndsWith("/batch", StringComparison.Ordinal)
            ? ScriptedHandler.Error(HttpStatusCode.NotFound, "not.found", "No such route.")
            : ScriptedHandler.Json(HttpStatusCode.Created, ScriptedHandler.Asset($"asset-{Interlocked.Increment(ref next)}")));
        var uploads = Tones(3);

        var first = await fixture.Client.UploadAssetsAsync(uploads[..2], CancellationToken.None);
        var second = await fixture.Client.UploadAssetsAsync([uploads[2], uploads[0]], CancellationToken.None);

        Assert.Equal(["asset-1", "asset-2"], first.Select(o => o.Asset!.Id));
        Assert.Equal(["asset-3", "asset-4"], second.Select(o => o.Asset!.Id));
        Assert.Equal(["/api/v2/media/assets/batch", "/api/v2/media/assets", "/api/v2/media/assets", "/api/v2/media/assets", "/api/v2/media/assets"],
            fixture.Handler.ApiRequests.Select(r => r.Uri.AbsolutePath));
    }

    [Fact]
    public async Task A_batch_refused_413_as_a_whole_is_sent_again_file_by_file_so_that_each_refusal_names_its_file()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = async (request, _) =>
        {
            if (request.Uri.AbsolutePath.EndsWith("/batch", StringComparison.Ordinal))
                return ScriptedHandler.Error(HttpStatusCode.RequestEntityTooLarge, "request.entity.too.large", "Too large.");
            var form = await MultipartForm.ParseAsync(request);
            return form.File("file").FileName == "p1.wav"
                ? ScriptedHandler.Error(HttpStatusCode.RequestEntityTooLarge, "IVR1016", "The audio is over 2 MiB.")
                : ScriptedHandler.Json(HttpStatusCode.Created, ScriptedHandler.Asset(form.File("file").FileName!));
        };

        var outcomes = await fixture.Client.UploadAssetsAsync(Tones(3), CancellationToken.None);

        Assert.Equal("p0.wav", outcomes[0].Asset!.Id);
        Assert.Contains("p1.wav", outcomes[1].Refusal!.Message, StringComparison.Ordinal);
        Assert.Equal("p2.wav", outcomes[2].Asset!.Id);
        Assert.Contains(fixture.LogLines, l => l.Contains("HTTP 413 for a batch of 3 files", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_with_fewer_results_than_files_is_a_malformed_answer_not_a_refused_file()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Json(HttpStatusCode.OK,
            new AssetBatchResult([new AssetBatchEntry(201, ScriptedHandler.Asset(), null)])));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() => fixture.Client.UploadAssetsAsync(Tones(2), CancellationToken.None));

        Assert.Equal("IVR4007", ex.Code);
        Assert.Contains("1 result(s) for 2 file(s)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_batch_sends_each_file_with_its_name_and_hash_in_order()
    {
        using var fixture = new ClientFixture();
        var uploads = Tones(2);
        fixture.Handler.Api = (_, _) => Task.FromResult(ScriptedHandler.Json(HttpStatusCode.OK, new AssetBatchResult(
            uploads.Select((u, i) => new AssetBatchEntry(201, ScriptedHandler.Asset($"asset-{i}", u.ContentHash), null)).ToArray())));

        await fixture.Client.UploadAssetsAsync(uploads, CancellationToken.None);

        var request = Assert.Single(fixture.Handler.ApiRequests);
        var body = request.BodyText;
        Assert.True(body.IndexOf("filename=p0.wav", StringComparison.Ordinal) < body.IndexOf("filename=p1.wav", StringComparison.Ordinal));
        Assert.True(body.IndexOf(uploads[0].ContentHash, StringComparison.Ordinal) < body.IndexOf(uploads[1].ContentHash, StringComparison.Ordinal));
    }
}
