using System.Net;
using System.Text.Json;

namespace MediaCompiler.Genesys.Tests;

/// <summary>Routes and query forms of the platform that other clients (the SDKs, Terraform) use against the emulator.</summary>
public sealed class EmulatorBreadthTests
{
    private static async Task<(ArchitectEmulator Org, string Token, Dictionary<string, string> Ids)> SeedAsync(params string[] names)
    {
        var org = await ArchitectEmulator.StartAsync(new { IndexLagMilliseconds = 0, StatusListingLagMilliseconds = 0 });
        Assert.True((await GenesysPromptSync.RunAsync(names.Select((n, i) => org.Prompt(n, "en-us", 400 + (10 * i))).ToList(), org.Options())).Succeeded);
        var token = await org.TokenAsync();
        var listing = await org.GetJsonAsync<JsonDocument>("api/v2/architect/prompts?pageSize=100", token);
        var ids = listing!.RootElement.GetProperty("entities").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("id").GetString()!);
        return (org, token, ids);
    }

    [Theory]
    [InlineData("name=Welcome,Goodbye")]
    [InlineData("name=Welcome&name=Goodbye")]
    public async Task Several_names_as_one_comma_joined_value_or_repeated_find_each(string filter)
    {
        var (org, token, _) = await SeedAsync("Welcome", "Goodbye", "Menu");
        await using var owned = org;

        var listing = await org.GetJsonAsync<JsonDocument>($"api/v2/architect/prompts?{filter}", token);

        Assert.Equal(["Goodbye", "Welcome"], listing!.RootElement.GetProperty("entities").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Listings_carry_first_previous_next_and_last_addresses()
    {
        var (org, token, _) = await SeedAsync("A_one", "B_two", "C_three");
        await using var owned = org;

        var page = (await org.GetJsonAsync<JsonDocument>("api/v2/architect/prompts?pageSize=1&pageNumber=2", token))!.RootElement;

        Assert.Equal(3, page.GetProperty("pageCount").GetInt32());
        Assert.Contains("pageNumber=1", page.GetProperty("previousUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("pageNumber=3", page.GetProperty("nextUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("pageNumber=3", page.GetProperty("lastUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("pageNumber=1", page.GetProperty("firstUri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_batch_delete_answers_an_Operation_and_removes_the_prompts()
    {
        var (org, token, ids) = await SeedAsync("Welcome", "Goodbye", "Menu");
        await using var owned = org;
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/v2/architect/prompts?id={ids["Welcome"]}&id={ids["Goodbye"]}");
        request.Headers.Authorization = new("Bearer", token);

        using var response = await org.Admin.SendAsync(request);
        var operation = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(operation.GetProperty("complete").GetBoolean());
        Assert.False(string.IsNullOrEmpty(operation.GetProperty("id").GetString()));
        var left = await org.GetJsonAsync<JsonDocument>("api/v2/architect/prompts?pageSize=100", token);
        Assert.Equal(["Menu"], left!.RootElement.GetProperty("entities").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Deleting_a_resources_audio_leaves_the_resource_without_media()
    {
        var (org, token, ids) = await SeedAsync("Welcome");
        await using var owned = org;
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/v2/architect/prompts/{ids["Welcome"]}/resources/en-us/audio");
        request.Headers.Authorization = new("Bearer", token);

        using var response = await org.Admin.SendAsync(request);
        var resource = (await org.GetJsonAsync<JsonDocument>($"api/v2/architect/prompts/{ids["Welcome"]}/resources/en-us", token))!.RootElement;

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("created", resource.GetProperty("uploadStatus").GetString());
        Assert.False(resource.TryGetProperty("mediaUri", out _));
    }

    [Fact]
    public async Task A_transcoded_resource_describes_its_audioFormat()
    {
        var (org, token, ids) = await SeedAsync("Welcome");
        await using var owned = org;
        // The canonical RIFF header of the uploaded file, read directly: sample rate at byte 24, bits per sample at 34.
        var wav = await File.ReadAllBytesAsync(Path.Combine(org.Folder, "en-us", "Welcome.wav"));

        var format = (await org.GetJsonAsync<JsonDocument>($"api/v2/architect/prompts/{ids["Welcome"]}/resources/en-us", token))!.RootElement.GetProperty("audioFormat");

        Assert.Equal(BitConverter.ToInt32(wav, 24), format.GetProperty("sampleRate").GetInt32());
        Assert.Equal(BitConverter.ToInt16(wav, 34), format.GetProperty("bitsPerSample").GetInt32());
        Assert.Equal(BitConverter.ToInt16(wav, 22), format.GetProperty("channels").GetInt32());
    }
}
