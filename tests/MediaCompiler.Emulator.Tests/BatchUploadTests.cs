using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MediaCompiler.Audio;
using MediaCompiler.Contract;
using MediaCompiler.Emulator.Tests.Support;

namespace MediaCompiler.Emulator.Tests;

/// <summary>Media API 2.3: <c>POST /api/v2/media/assets/batch</c>, many uploads in one request.</summary>
public sealed class BatchUploadTests
{
    private static MultipartFormDataContent BatchForm(IReadOnlyList<(byte[] Content, string FileName)> files, bool declareHashes = true)
    {
        var form = new MultipartFormDataContent();
        foreach (var (content, fileName) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", fileName);
        }
        if (declareHashes)
        {
            foreach (var (content, _) in files)
            {
                form.Add(new StringContent(ContentHash.Of(content)), "contentHash");
            }
        }
        return form;
    }

    [Fact]
    public async Task Each_file_is_answered_in_order_as_its_single_upload_would_be_and_a_refusal_stops_only_its_file()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var held = TestAudio.DistinctWav(1);
        var heldAsset = await api.UploadOkAsync(held, "held.wav");
        var fresh = TestAudio.DistinctWav(2);
        var stereo = TestAudio.Wav(8000, channels: 2);

        using var response = await api.Http.PostAsync("api/v2/media/assets/batch",
            BatchForm([(fresh, "fresh.wav"), (stereo, "stereo.wav"), (held, "again.wav")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Content.ReadFromJsonAsync<AssetBatchResult>(MediaApiJson.Options))!.Results!;
        Assert.Equal([201, 400, 200], results.Select(r => r.Status));
        Assert.Equal(ContentHash.Of(fresh), results[0].Asset!.ContentHash);
        Assert.Equal("fresh.wav", results[0].Asset!.Name);
        Assert.Equal(results[0].Asset!.Id, emulator.Engine.FindAssetsByContentHash(ContentHash.Of(fresh)).Single().Id);
        Assert.Null(results[1].Asset);
        Assert.Equal("IVR1104", results[1].Error!.Code); // the single upload's refusal of a stereo prompt
        Assert.Equal(400, results[1].Error!.Status);
        Assert.Equal(heldAsset.Id, results[2].Asset!.Id);
    }

    [Fact]
    public async Task A_declared_hash_is_checked_per_file()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var wav = TestAudio.DistinctWav(3);
        var form = BatchForm([(wav, "a.wav")], declareHashes: false);
        form.Add(new ByteArrayContent(TestAudio.DistinctWav(4)), "file", "b.wav");
        form.Add(new StringContent(ContentHash.Of(TestAudio.DistinctWav(5))), "contentHash"); // wrong for a.wav
        form.Add(new StringContent(ContentHash.Of(TestAudio.DistinctWav(4))), "contentHash");

        using var response = await api.Http.PostAsync("api/v2/media/assets/batch", form);

        var results = (await response.Content.ReadFromJsonAsync<AssetBatchResult>(MediaApiJson.Options))!.Results!;
        Assert.Equal([400, 201], results.Select(r => r.Status));
        Assert.Contains(results[0].Error!.Details, d => d.Field == "contentHash");
        Assert.Empty(emulator.Engine.FindAssetsByContentHash(ContentHash.Of(wav)));
    }

    [Fact]
    public async Task More_files_than_the_engine_takes_is_413_IVR3410_and_nothing_is_stored()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var files = Enumerable.Range(0, AssetBatchUpload.MaxFiles + 1).Select(i => (TestAudio.DistinctWav(100 + i), $"p{i}.wav")).ToArray();

        using var response = await api.Http.PostAsync("api/v2/media/assets/batch", BatchForm(files));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await ApiSession.ReadErrorAsync(response);
        Assert.Equal("IVR3410", error.Code);
        Assert.Contains($"{AssetBatchUpload.MaxFiles + 1} files", error.Message);
        Assert.Empty(emulator.Engine.FindAssetsByContentHash(ContentHash.Of(files[0].Item1)));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(1, 2)]
    public async Task Content_hashes_that_do_not_pair_with_the_files_are_400(int fileCount, int hashCount)
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var form = new MultipartFormDataContent();
        for (var i = 0; i < fileCount; i++)
        {
            form.Add(new ByteArrayContent(TestAudio.DistinctWav(10 + i)), "file", $"p{i}.wav");
        }
        for (var i = 0; i < hashCount; i++)
        {
            form.Add(new StringContent(ContentHash.Of(TestAudio.DistinctWav(10 + i))), "contentHash");
        }

        using var response = await api.Http.PostAsync("api/v2/media/assets/batch", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await ApiSession.ReadErrorAsync(response)).Details, d => d.Field == "contentHash");
    }

    [Fact]
    public async Task A_batch_without_files_or_not_multipart_is_400()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();

        using var empty = await api.Http.PostAsync("api/v2/media/assets/batch", new MultipartFormDataContent { { new StringContent("x"), "contentHash" } });
        using var json = await api.Http.PostAsJsonAsync("api/v2/media/assets/batch", new { file = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains((await ApiSession.ReadErrorAsync(empty)).Details, d => d.Field == "file");
    }

    [Fact]
    public async Task A_batch_needs_the_write_scope_and_counts_as_one_request()
    {
        await using var emulator = await Emulators.StartAsync();
        using var anonymous = new ApiSession(emulator);
        using var api = await new ApiSession(emulator).LogInAsync();

        using var refused = await anonymous.Http.PostAsync("api/v2/media/assets/batch", BatchForm([(TestAudio.DistinctWav(20), "a.wav")]));
        using var accepted = await api.Http.PostAsync("api/v2/media/assets/batch",
            BatchForm([(TestAudio.DistinctWav(21), "a.wav"), (TestAudio.DistinctWav(22), "b.wav")]));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(2, emulator.RequestCounts["POST /api/v2/media/assets/batch"]);
    }
}
