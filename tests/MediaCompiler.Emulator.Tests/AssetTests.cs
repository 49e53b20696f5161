using System.Net;
using System.Net.Http.Json;
using MediaCompiler.Audio;
using MediaCompiler.Emulator.Tests.Support;
using MediaCompiler.Contract;

namespace MediaCompiler.Emulator.Tests;

public sealed class AssetTests
{
    [Fact]
    public async Task A_new_upload_is_201_with_the_asset_and_its_location()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var wav = TestAudio.Wav(16000);

        using var response = await api.UploadAsync(wav, "welcome.wav");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var asset = (await response.Content.ReadFromJsonAsync<MediaAssetDto>(MediaApiJson.Options))!;
        Assert.Equal("welcome.wav", asset.Name);
        Assert.Equal("wav", asset.Format);
        Assert.Equal(wav.Length, asset.Size);
        Assert.Equal(16000, asset.SampleRate);
        Assert.Equal(1, asset.Channels);
        Assert.Equal(ContentHash.Of(wav), asset.ContentHash);
        Assert.Equal(asset.SelfUri, response.Headers.Location?.OriginalString);

        using var fetched = await api.Http.GetAsync(asset.SelfUri.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(asset.Id, (await fetched.Content.ReadFromJsonAsync<MediaAssetDto>(MediaApiJson.Options))!.Id);
    }

    [Fact]
    public async Task The_same_content_again_is_200_with_the_stored_asset_and_search_finds_it_once()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var wav = TestAudio.Wav(8000);
        var first = await api.UploadOkAsync(wav, "one.wav");

        using var again = await api.UploadAsync(wav, "two.wav", declareHash: false);
        using var search = await api.Http.GetAsync($"api/v2/media/assets?contentHash={ContentHash.Of(wav)}");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Null(again.Headers.Location);
        Assert.Equal(first.Id, (await again.Content.ReadFromJsonAsync<MediaAssetDto>(MediaApiJson.Options))!.Id);
        var listing = (await search.Content.ReadFromJsonAsync<MediaAssetListing>(MediaApiJson.Options))!;
        Assert.Equal(1, listing.Total);
        Assert.Equal(first.Id, Assert.Single(listing.Entities).Id);
    }

    [Fact]
    public async Task Searching_a_hash_nobody_uploaded_finds_nothing()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        await api.UploadOkAsync(TestAudio.Wav(8000));

        using var response = await api.Http.GetAsync("api/v2/media/assets?contentHash=sha256:" + new string('f', 64));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = ApiSession.ParseJson(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, json.GetProperty("total").GetInt32());
        Assert.Equal(0, json.GetProperty("entities").GetArrayLength());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?contentHash=md5:abc")]
    public async Task Searching_without_a_well_formed_hash_is_400(string query)
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();

        using var response = await api.Http.GetAsync("api/v2/media/assets" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await ApiSession.ReadErrorAsync(response)).Details, d => d.Field == "contentHash");
    }

    [Fact]
    public async Task An_unknown_asset_id_is_404()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();

        using var response = await api.Http.GetAsync("api/v2/media/assets/no-such-asset");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not.found", (await ApiSession.ReadErrorAsync(response)).Code);
    }

    [Theory]
    [InlineData(8000, 2, "IVR1104", "mono")]
    [InlineData(44100, 1, "IVR1103", "44100")]
    public async Task A_prompt_breaking_a_rule_is_400_naming_the_rule(int sampleRate, int channels, string code, string named)
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();

        using var response = await api.UploadAsync(TestAudio.Wav(sampleRate, channels: channels), "prompt.wav");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ApiSession.ReadErrorAsync(response);
        Assert.Equal(code, error.Code);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task A_file_of_a_format_the_engine_does_not_take_is_400()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();

        using var response = await api.UploadAsync("not audio at all"u8.ToArray(), "notes.txt");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("IVR1", (await ApiSession.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task A_declared_hash_that_does_not_match_the_bytes_is_400()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var wav = TestAudio.Wav(8000);

        using var response = await api.Http.PostAsync("api/v2/media/assets",
            ApiSession.UploadForm(wav, "welcome.wav", ContentHash.Of(TestAudio.DistinctWav(7))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ApiSession.ReadErrorAsync(response);
        Assert.Contains(error.Details, d => d.Field == "contentHash");
        Assert.Empty(emulator.Engine.FindAssetsByContentHash(ContentHash.Of(wav)));
    }

    [Fact]
    public async Task Audio_just_over_2_MiB_is_413_from_the_engine()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var oversized = new byte[(2 * 1024 * 1024) + 100];
        TestAudio.Wav(8000).CopyTo(oversized, 0);

        using var response = await api.UploadAsync(oversized, "long.wav");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("IVR", (await ApiSession.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task A_body_far_over_the_limit_is_refused_413_before_it_is_read()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v2/media/assets")
        {
            Content = ApiSession.UploadForm(new byte[6 * 1024 * 1024], "huge.wav", contentHash: null),
        };

        // With Expect: 100-continue the server can answer before a single body byte is sent; without it, the client
        // may see the connection closed under a body it is still sending.
        request.Headers.ExpectContinue = true;
        using var response = await api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request.entity.too.large", (await ApiSession.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task A_multipart_body_without_the_file_field_is_400()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        using var form = new MultipartFormDataContent { { new StringContent("sha256:" + new string('0', 64)), "contentHash" } };

        using var response = await api.Http.PostAsync("api/v2/media/assets", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await ApiSession.ReadErrorAsync(response)).Details, d => d.Field == "file");
    }
}
