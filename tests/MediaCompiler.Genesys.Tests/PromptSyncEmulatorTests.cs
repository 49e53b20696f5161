using MediaCompiler.Genesys.Sync;

namespace MediaCompiler.Genesys.Tests;

/// <summary>The client against the emulator's Architect surface over loopback.</summary>
public sealed class PromptSyncEmulatorTests
{
    internal const string Token = "POST /oauth/token";
    internal const string List = "GET /api/v2/architect/prompts";
    internal const string CreatePrompt = "POST /api/v2/architect/prompts";
    internal const string CreateResource = "POST /api/v2/architect/prompts/{promptId}/resources";
    internal const string UpdateResource = "PUT /api/v2/architect/prompts/{promptId}/resources/{languageCode}";
    /// <summary>The PUT of the audio to a pre-signed URL of the uploads route (the tests' default upload path).</summary>
    internal const string Upload = "PUT /emulator-uploads/architect/{promptId}/{languageCode}";

    internal const string UploadUriPost = "POST /uploads/v2/ivr";

    internal const string UploadsRoute = "POST /api/v2/architect/prompts/{promptId}/resources/{languageCode}/uploads";

    private static List<DesiredPrompt> TwoLanguages(ArchitectEmulator org) =>
    [
        org.Prompt("Welcome", "en-us", 440, text: "Welcome"),
        org.Prompt("Welcome", "de-de", 450, text: "Willkommen"),
        org.Prompt("Main_menu", "en-us", 460, tts: "For billing press one."),
        org.Prompt("Main_menu", "de-de", 470),
        org.Prompt("Goodbye", "en-us", 480),
        org.Prompt("Goodbye", "de-de", 490),
    ];

    [Fact]
    public async Task A_cold_sync_in_two_languages_creates_every_prompt_and_resource()
    {
        // Exact counts: without the read-after-write 404 of POST …/resources, whose retries depend on timing.
        await using var org = await ArchitectEmulator.StartAsync(new { ResourceCreateNotFoundMilliseconds = 0 });
        var prompts = TwoLanguages(org);

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync(prompts, org.Options()));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.All(result.Resources, r => Assert.Equal(ResourceState.Created, r.State));
        Assert.All(result.Resources, r => Assert.NotNull(r.MediaUri));
        Assert.Equal(3, requests[CreatePrompt]);
        Assert.Equal(6, requests[CreateResource]);
        Assert.Equal(6, requests[Upload]);
        Assert.False(requests.ContainsKey(UpdateResource));
        Assert.Equal((3, 6, 6), (result.Counts.PromptsCreated, result.Counts.ResourcesCreated, result.Counts.Uploaded));
        Assert.Equal(requests.Values.Sum(), result.Counts.Requests);
    }

    [Fact]
    public async Task A_second_sync_makes_only_the_token_and_list_requests()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompts = TwoLanguages(org);
        Assert.True((await GenesysPromptSync.RunAsync(prompts, org.Options())).Succeeded);

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync(prompts, org.Options()));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.All(result.Resources, r => Assert.Equal(ResourceState.Unchanged, r.State));
        Assert.Equal(new Dictionary<string, int> { [Token] = 1, [List] = 1 }, requests);
        Assert.Equal(2, result.Counts.Requests);
    }

    [Fact]
    public async Task One_changed_file_uploads_exactly_one_resource()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompts = TwoLanguages(org);
        Assert.True((await GenesysPromptSync.RunAsync(prompts, org.Options())).Succeeded);
        prompts[3] = org.Prompt("Main_menu", "de-de", 999);

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync(prompts, org.Options()));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(1, requests[Upload]);
        Assert.Equal(1, requests[UpdateResource]);
        Assert.False(requests.ContainsKey(CreateResource));
        var changed = Assert.Single(result.Resources, r => r.State != ResourceState.Unchanged);
        Assert.Equal(("Main_menu", "de-de", ResourceState.Updated), (changed.Prompt.Name, changed.Prompt.Language, changed.State));
    }

    [Fact]
    public async Task A_tts_text_change_updates_the_resource_without_uploading()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompts = TwoLanguages(org);
        Assert.True((await GenesysPromptSync.RunAsync(prompts, org.Options())).Succeeded);
        prompts[2] = prompts[2] with { TtsText = "For billing press two." };

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync(prompts, org.Options()));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(1, requests[UpdateResource]);
        Assert.False(requests.ContainsKey(Upload));
        Assert.Equal(ResourceState.TextUpdated, result.Resources.Single(r => r.Prompt == prompts[2]).State);

        var third = await GenesysPromptSync.RunAsync(prompts, org.Options());
        Assert.All(third.Resources, r => Assert.Equal(ResourceState.Unchanged, r.State));
    }

    [Fact]
    public async Task Audio_the_platform_cannot_transcode_fails_that_prompt_on_its_file()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var good = org.Prompt("Good", "en-us", 440);
        var stereo = org.Prompt("Stereo_cd", "en-us", 440, audio: TestWav.Sine(440, sampleRate: 44100, channels: 2));

        var result = await GenesysPromptSync.RunAsync([good, stereo], org.Options());

        Assert.False(result.Succeeded);
        var failed = Assert.Single(result.Resources, r => r.State == ResourceState.Failed);
        var diagnostic = Assert.Single(failed.Diagnostics);
        Assert.Equal(("IVR6015", stereo.AudioPath), (diagnostic.Code, diagnostic.File));
        Assert.Contains("transcodeFailed", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(ResourceState.Created, result.Resources.Single(r => r.Prompt == good).State);
    }

    [Fact]
    public async Task The_transcode_failure_switch_fails_matching_prompts()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { TranscodeFailsFor = "^Broken" });
        var result = await GenesysPromptSync.RunAsync([org.Prompt("Broken_one", "en-us", 440), org.Prompt("Fine", "en-us", 450)], org.Options());

        Assert.Equal(["IVR6015"], result.AllDiagnostics.Select(d => d.Code));
        Assert.Equal(ResourceState.Failed, result.Resources.Single(r => r.Prompt.Name == "Broken_one").State);
    }

    [Fact]
    public async Task A_stuck_transcode_times_out_on_that_prompt_only()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { TranscodeNeverFinishesFor = "^Stuck$" });
        var stuck = org.Prompt("Stuck", "en-us", 440);

        var result = await GenesysPromptSync.RunAsync([stuck, org.Prompt("Fine", "en-us", 450)], org.Options(transcodeTimeout: TimeSpan.FromSeconds(2)));

        var diagnostic = Assert.Single(result.AllDiagnostics);
        Assert.Equal(("IVR6016", stuck.AudioPath), (diagnostic.Code, diagnostic.File));
        Assert.Contains("'uploaded'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(ResourceState.Created, result.Resources.Single(r => r.Prompt.Name == "Fine").State);
    }

    [Fact]
    public async Task A_rate_limited_emulator_still_ends_in_a_correct_sync()
    {
        // 8 requests per 2-second window and no client-side budget: the client lives on 429 + Retry-After.
        await using var org = await ArchitectEmulator.StartAsync(new { RequestsPerMinutePerToken = 8, RateLimitWindowSeconds = 2 });
        var prompts = TwoLanguages(org);

        var result = await GenesysPromptSync.RunAsync(prompts, org.Options(requestsPerMinute: 0));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.All(result.Resources, r => Assert.Equal(ResourceState.Created, r.State));
        Assert.True(result.Counts.RateLimitWaits > 0);
        var again = await GenesysPromptSync.RunAsync(prompts, org.Options(requestsPerMinute: 0));
        Assert.All(again.Resources, r => Assert.Equal(ResourceState.Unchanged, r.State));
    }

    [Fact]
    public async Task A_wrong_secret_is_a_clear_authentication_error_and_nothing_else()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync([org.Prompt("Welcome", "en-us", 440)], org.Options(secret: "not-the-secret-x9")));

        var diagnostic = Assert.Single(result.AllDiagnostics);
        Assert.Equal("IVR6004", diagnostic.Code);
        Assert.Contains(org.Emulator.ClientId, diagnostic.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret-x9", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { [Token] = 1 }, requests);
    }

    [Fact]
    public async Task A_prompt_larger_than_the_media_apis_body_limit_still_uploads()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        // 100 s of 16 kHz 16-bit mono: 3.2 MB, over the emulator's 2 MB media API limit, under the platform's 25 MB.
        var large = org.Prompt("Long_hold_music", "en-us", 440, audio: TestWav.Sine(440, sampleRate: 16000, seconds: 100));

        var result = await GenesysPromptSync.RunAsync([large], org.Options());

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(ResourceState.Created, Assert.Single(result.Resources).State);
    }

    [Fact]
    public async Task A_description_change_is_one_prompt_update_and_no_upload()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompts = TwoLanguages(org);
        Assert.True((await GenesysPromptSync.RunAsync(prompts, org.Options())).Succeeded);
        prompts[0] = prompts[0] with { Description = "Greets every caller" };

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync(prompts, org.Options()));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.Equal(new Dictionary<string, int> { [Token] = 1, [List] = 1, ["PUT /api/v2/architect/prompts/{promptId}"] = 1 }, requests);
        Assert.Equal(1, result.Counts.DescriptionsUpdated);
        var again = await org.CountAsync(() => GenesysPromptSync.RunAsync(prompts, org.Options()));
        Assert.Equal(2, again.Requests.Values.Sum());
    }

    [Fact]
    public async Task The_log_never_carries_the_secret_or_a_token()
    {
        await using var org = await ArchitectEmulator.StartAsync(new { RequestsPerMinutePerToken = 8, RateLimitWindowSeconds = 1 });
        var result = await GenesysPromptSync.RunAsync(TwoLanguages(org), org.Options(requestsPerMinute: 0));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        Assert.NotEmpty(org.Log);
        Assert.All(org.Log, line =>
        {
            Assert.DoesNotContain(org.Emulator.ClientSecret, line.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Bearer", line.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("additionalInfo", line.Text, StringComparison.Ordinal);
        });
        Assert.All(result.AllDiagnostics, d => Assert.DoesNotContain(org.Emulator.ClientSecret, d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prompts_given_without_a_hash_or_in_upper_case_languages_sync_the_same()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var prompts = TwoLanguages(org).Select(p => p with { ContentHash = null, Language = p.Language.ToUpperInvariant() }).ToList();
        Assert.True((await GenesysPromptSync.RunAsync(prompts, org.Options())).Succeeded);

        var (result, requests) = await org.CountAsync(() => GenesysPromptSync.RunAsync(TwoLanguages(org), org.Options()));

        Assert.All(result.Resources, r => Assert.Equal(ResourceState.Unchanged, r.State));
        Assert.Equal(2, requests.Values.Sum());
    }

    [Fact]
    public async Task A_missing_audio_file_is_IVR6021_on_it_and_the_others_sync()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        var missing = new DesiredPrompt("Gone", "en-us", Path.Combine(org.Folder, "gone.wav"), null);

        var result = await GenesysPromptSync.RunAsync([missing, org.Prompt("Here", "en-us", 440)], org.Options());

        var diagnostic = Assert.Single(result.AllDiagnostics);
        Assert.Equal(("IVR6021", missing.AudioPath), (diagnostic.Code, diagnostic.File));
        Assert.Equal(ResourceState.Created, Assert.Single(result.Resources).State);
    }
}
