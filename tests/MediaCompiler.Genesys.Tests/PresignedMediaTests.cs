using System.Net;
using System.Text.Json;
using MediaCompiler.Genesys.Sync;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// mediaUris as the platform gives them (pre-signed: a new query on every read, 403 once expired) and listings that
/// still show the previous status and audio after an upload.
/// </summary>
public sealed class PresignedMediaTests
{
    [Fact]
    public async Task An_update_is_reported_only_once_the_org_serves_the_new_audio()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompt = org.Prompt("Welcome", "en-us", 440);
        Assert.True((await GenesysPromptSync.RunAsync([prompt], org.Options())).Succeeded);
        var changed = org.Prompt("Welcome", "en-us", 880);

        var result = await GenesysPromptSync.RunAsync([changed], org.Options());

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        var resource = Assert.Single(result.Resources);
        Assert.Equal(ResourceState.Updated, resource.State);

        // The reported address must serve the bytes just uploaded (read from the file, not from the client).
        using var plain = new HttpClient();
        Assert.Equal(await File.ReadAllBytesAsync(changed.AudioPath!), await plain.GetByteArrayAsync(resource.MediaUri));
    }

    [Theory]
    [InlineData("https://bucket.s3.amazonaws.com/organizations/o/p/en-us/1.wav?X-Amz-Signature=a", "https://bucket.s3.amazonaws.com/organizations/o/p/en-us/1.wav?X-Amz-Signature=b", true)]
    [InlineData("https://bucket.s3.amazonaws.com/organizations/o/p/en-us/2.wav?X-Amz-Signature=a", "https://bucket.s3.amazonaws.com/organizations/o/p/en-us/1.wav?X-Amz-Signature=a", false)]
    [InlineData("https://h/a.wav", "https://h/a.wav", true)]
    [InlineData(null, "https://h/a.wav", false)]
    public void Media_objects_are_compared_without_their_query(string? listed, string replaced, bool same) =>
        Assert.Equal(same, TranscodeWaiter.SameMediaObject(listed, replaced));

    [Fact]
    public async Task MediaUris_carry_a_new_query_on_every_read_and_answer_403_once_expired()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { transcodeDelayMilliseconds = 0, readAfterWriteNotFoundMilliseconds = 0, resourceCreateNotFoundMilliseconds = 0, indexLagMilliseconds = 0, statusListingLagMilliseconds = 0 });
        var token = await org.TokenAsync();
        var id = "";
        var prompt = org.Prompt("Welcome", "en-us", 440);
        Assert.True((await GenesysPromptSync.RunAsync([prompt], org.Options())).Succeeded);
        id = (await org.GetJsonAsync<JsonDocument>("api/v2/architect/prompts?name=Welcome", token))!.RootElement.GetProperty("entities")[0].GetProperty("id").GetString();

        async Task<string> ReadMediaUriAsync() =>
            (await org.GetJsonAsync<JsonDocument>($"api/v2/architect/prompts/{id}/resources/en-us", token))!.RootElement.GetProperty("mediaUri").GetString()!;

        var first = await ReadMediaUriAsync();
        var second = await ReadMediaUriAsync();
        Assert.NotEqual(first, second);
        Assert.Equal(first[..first.IndexOf('?')], second[..second.IndexOf('?')]);

        using var plain = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync(first)).StatusCode);
        org.Clock.Advance(TimeSpan.FromSeconds(3601));
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync(first)).StatusCode);
        token = await org.TokenAsync(); // the first token has expired too
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync(await ReadMediaUriAsync())).StatusCode);
    }
}
