using System.Text.Json;
using Xunit.Abstractions;

namespace MediaCompiler.Genesys.Tests.Live;

/// <summary>
/// The live check (docs/genesys-live-check.md): against a sandbox org when its credentials are in the environment
/// (category LiveGenesys, skipped otherwise), and the very same code against the emulator on every run.
/// </summary>
public sealed class LiveGenesysTests(ITestOutputHelper output)
{
    private const string SyncStep = "Our sync: create 2 prompts, upload a WAV each, wait for transcoded";

    [LiveGenesysFact]
    [Trait("Category", "LiveGenesys")]
    public async Task A_sandbox_org_answers_the_open_questions_and_is_left_as_it_was()
    {
        var settings = LiveCheckSettings.FromEnvironment().Settings!;
        var check = new LiveOrgCheck(settings);

        await check.RunAsync(CancellationToken.None);

        var table = check.Table();
        output.WriteLine(table);
        if (Environment.GetEnvironmentVariable(LiveCheckSettings.ReportVariable) is { Length: > 0 } report)
        {
            await File.WriteAllTextAsync(report, table);
        }

        Assert.Empty(check.Leftovers);
        Assert.Equal("succeeded", Answer(check, SyncStep));
    }

    [Fact]
    public async Task The_live_check_runs_against_the_emulator_answers_every_question_and_leaves_no_prompt()
    {
        await using var org = await StartAsync();
        var check = new LiveOrgCheck(Settings(org));

        var (_, requests) = await org.CountAsync(() => check.RunAsync(CancellationToken.None));

        output.WriteLine(check.Table());
        output.WriteLine($"{requests.Values.Sum()} requests: " + string.Join(", ", requests.Select(r => $"{r.Key} {r.Value}")));
        Assert.DoesNotContain(check.Findings, f => f.Answer.StartsWith("FAILED", StringComparison.Ordinal));
        Assert.Equal("granted", Answer(check, "OAuth client-credentials token"));
        Assert.Equal("succeeded", Answer(check, SyncStep));
        Assert.Equal("kept", Answer(check, "Tags written by the sync, read back (GET prompt)"));
        Assert.Equal("transcoded", Answer(check, "Resource state after the sync"));
        Assert.StartsWith("pre-signed (X-Amz-*); new string, same path", Answer(check, "mediaUri: form, and the same string on a second read?"), StringComparison.Ordinal);

        // The emulator's documented filter: case-insensitive prefix, several names repeated.
        Assert.Equal("1 of ours", Answer(check, "Name filter: exact name"));
        Assert.Equal("2 of ours", Answer(check, "Name filter: the run's prefix, no wildcard (prefix match?)"));
        Assert.Equal("1 of ours", Answer(check, "Name filter: exact name in upper case (case-insensitive?)"));
        Assert.Equal("2 of ours", Answer(check, "Two names, repeated name= (.NET/Go SDK form)"));
        Assert.Equal("two distinct pages", Answer(check, "Paging: pageSize=1 over the run's two prompts"));
        Assert.Equal("0 consumer(s)", Answer(check, "Dependency tracking of a new prompt"));
        Assert.Matches("^(not available \\(404\\)|offered; PUT \\d+(, POST 2\\d\\d)?; then transcoded)$", Answer(check, "Preview uploads route POST …/resources/{lang}/uploads"));
        Assert.StartsWith("deleted 2 of 2, none left", Answer(check, "Cleanup: delete everything this run made"), StringComparison.Ordinal);
        Assert.Empty(check.Leftovers);
        Assert.Equal(0, await PromptCountAsync(org));
    }

    [Fact]
    public async Task Everything_the_check_made_is_deleted_even_when_it_stops_right_after_creating_it()
    {
        await using var org = await StartAsync();
        var check = new LiveOrgCheck(Settings(org) with { FailAfterStep = SyncStep });

        await Assert.ThrowsAsync<InvalidOperationException>(() => check.RunAsync(CancellationToken.None));

        Assert.Equal("succeeded", Answer(check, SyncStep));
        Assert.StartsWith("deleted 2 of 2, none left", check.Findings[^1].Answer, StringComparison.Ordinal);
        Assert.Equal(0, await PromptCountAsync(org));
    }

    [Fact]
    public async Task Refused_credentials_are_a_row_of_the_table_and_nothing_is_left_behind()
    {
        await using var org = await StartAsync();
        var check = new LiveOrgCheck(Settings(org) with { ClientSecret = "wrong" });

        await check.RunAsync(CancellationToken.None);

        output.WriteLine(check.Table());
        Assert.StartsWith("FAILED", Answer(check, "OAuth client-credentials token"), StringComparison.Ordinal);
        Assert.Contains("401", check.Findings[0].Evidence, StringComparison.Ordinal);
        Assert.Equal(["OAuth client-credentials token", "Cleanup: delete everything this run made"], check.Findings.Select(f => f.Question));
        Assert.Empty(check.Leftovers);
    }

    private static string Answer(LiveOrgCheck check, string question) =>
        check.Findings.FirstOrDefault(f => f.Question == question)?.Answer ?? $"(no row '{question}' in: {string.Join("; ", check.Findings.Select(f => f.Question))})";

    /// <summary>The emulator with no lag and an immediate transcode: the check's code path, not its patience, is under test.</summary>
    private static Task<ArchitectEmulator> StartAsync() => ArchitectEmulator.StartAsync(new
    {
        IndexLagMilliseconds = 0,
        ReadAfterWriteNotFoundMilliseconds = 0,
        TranscodeDelayMilliseconds = 0,
        StatusListingLagMilliseconds = 0,
    });

    private static LiveCheckSettings Settings(ArchitectEmulator org) => new(null, org.Emulator.BaseAddress.ToString(), org.Emulator.ClientId, org.Emulator.ClientSecret)
    {
        PollInterval = TimeSpan.FromMilliseconds(50),
        FirstPollDelay = TimeSpan.FromMilliseconds(20),
        TranscodeTimeout = TimeSpan.FromSeconds(20),
        Time = org.Clock,
        Handler = () => org.Handler(),
    };

    private static async Task<int> PromptCountAsync(ArchitectEmulator org)
    {
        var listing = await org.GetJsonAsync<Dictionary<string, JsonElement>>("api/v2/architect/prompts?pageSize=100", await org.TokenAsync());
        return listing!["total"].GetInt32();
    }
}
