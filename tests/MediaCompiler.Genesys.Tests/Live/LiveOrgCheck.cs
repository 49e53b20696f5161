using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MediaCompiler.Genesys.Sync;

namespace MediaCompiler.Genesys.Tests.Live;

/// <summary>
/// The live check of a sandbox org (issue 17, part C): what only a real org can tell us, asked with prompts of its
/// own uniquely named <c>MCLive_&lt;UTC time&gt;_&lt;random&gt;_…</c>. Our <see cref="GenesysPromptSync"/> creates, uploads
/// and waits for transcoding (the build's real path); raw calls (<see cref="LiveApi"/>) probe what our client has no
/// call for: tags read back, the mediaUri's form, the name filter's semantics, paging, the preview uploads route,
/// dependency tracking. Every step's outcome is a row; a failing step is a row, not the end. Everything it made is
/// deleted in a finally, whatever happened, and the cleanup is a row too.
/// </summary>
internal sealed partial class LiveOrgCheck(LiveCheckSettings settings)
{
    private const string Language = "en-us";
    private readonly List<LiveFinding> _findings = [];
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);

    /// <summary>The unique name prefix of this run: nothing else in the org starts with it.</summary>
    public string Prefix { get; } = string.Create(CultureInfo.InvariantCulture,
        $"MCLive_{settings.Time.GetUtcNow():yyyyMMddHHmmss}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");

    public IReadOnlyList<LiveFinding> Findings => _findings;

    /// <summary>Prompt ids created and not confirmed deleted after the cleanup (empty when the org is as it was).</summary>
    public IReadOnlyList<string> Leftovers { get; private set; } = [];

    private string NameA => Prefix + "_a";

    private string NameB => Prefix + "_b";

    public async Task<IReadOnlyList<LiveFinding>> RunAsync(CancellationToken cancellationToken)
    {
        var (endpoints, problem) = GenesysRegions.Resolve(settings.Region, settings.BaseUrl);
        if (endpoints is null)
        {
            throw new InvalidOperationException($"{problem!.Code}: {problem.Message}");
        }

        var folder = Directory.CreateTempSubdirectory("genesys-live-").FullName;
        using var apiHandler = settings.Handler?.Invoke();
        using var api = new LiveApi(endpoints, apiHandler);
        try
        {
            await StepAsync("OAuth client-credentials token", async () =>
            {
                var expires = await api.LoginAsync(settings.ClientId, settings.ClientSecret, cancellationToken);
                return ("granted", $"expires_in {expires} s, from {endpoints.TokenUrl}");
            });
            if (!api.LoggedIn)
            {
                // Without a token nothing can be made or asked; the cleanup row says so.
                return _findings;
            }

            await StepAsync("Our sync: create 2 prompts, upload a WAV each, wait for transcoded", () => SyncAsync(folder, cancellationToken));
            await ProbeAsync(api, cancellationToken);
        }
        finally
        {
            await CleanupAsync(api);
            Directory.Delete(folder, recursive: true);
        }

        return _findings;
    }

    /// <summary>The findings as a Markdown table.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Genesys Cloud live check, prompts {Prefix}_*");
        text.AppendLine();
        text.AppendLine("| # | Question | Answer | Evidence |");
        text.AppendLine("| --- | --- | --- | --- |");
        for (var i = 0; i < _findings.Count; i++)
        {
            var f = _findings[i];
            text.AppendLine(CultureInfo.InvariantCulture, $"| {i + 1} | {Cell(f.Question)} | {Cell(f.Answer)} | {Cell(f.Evidence)} |");
        }

        return text.ToString();
    }

    private async Task<(string, string)> SyncAsync(string folder, CancellationToken cancellationToken)
    {
        var prompts = new[] { (NameA, 440.0), (NameB, 660.0) }.Select(p =>
        {
            var bytes = TestWav.Sine(p.Item2, seconds: 1.0);
            var path = Path.Combine(folder, p.Item1 + ".wav");
            File.WriteAllBytes(path, bytes);
            return new DesiredPrompt(p.Item1, Language, path, Convert.ToHexStringLower(SHA256.HashData(bytes)), Text: "MediaCompiler live check", Description: "MediaCompiler live check; safe to delete");
        }).ToList();
        var log = new List<string>();
        var options = new GenesysSyncOptions
        {
            Region = settings.Region, BaseUrl = settings.BaseUrl, ClientId = settings.ClientId, ClientSecret = settings.ClientSecret,
            DeleteOrphans = false, TranscodeTimeout = settings.TranscodeTimeout, FirstPollDelay = settings.FirstPollDelay,
            MaxPollDelay = settings.PollInterval, BaseRetryDelay = settings.FirstPollDelay, Log = message => log.Add(message.Text),
            TimeProvider = settings.Time, Handler = settings.Handler?.Invoke(),
        };
        var started = settings.Time.GetTimestamp();
        var result = await GenesysPromptSync.RunAsync(prompts, options, cancellationToken);
        foreach (var id in result.Resources.Select(r => r.PromptId).OfType<string>())
        {
            _created.Add(id);
        }

        var codes = string.Join(", ", result.AllDiagnostics.Select(d => $"{d.Code} {d.Message}"));
        return (result.Succeeded ? "succeeded" : "FAILED: " + codes,
            string.Create(CultureInfo.InvariantCulture, $"{result.Counts.PromptsCreated} created, {result.Counts.Uploaded} uploaded, {result.Counts.Requests} requests, {settings.Time.GetElapsedTime(started).TotalSeconds:0.0} s") + (codes.Length > 0 && result.Succeeded ? "; " + codes : ""));
    }

    /// <summary>Runs one step; its exception becomes the row's answer (the check goes on), except for a cancellation.</summary>
    private async Task StepAsync(string question, Func<Task<(string Answer, string Evidence)>> step)
    {
        try
        {
            var (answer, evidence) = await step();
            _findings.Add(new LiveFinding(question, answer, evidence));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _findings.Add(new LiveFinding(question, "FAILED", $"{ex.GetType().Name}: {ex.Message}"));
        }

        if (string.Equals(settings.FailAfterStep, question, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Stopped after '{question}' (FailAfterStep).");
        }
    }

    /// <summary>
    /// Deletes every prompt of this run: the ids the sync and the probes reported, and any prompt found by its exact
    /// name (a create whose answer was lost). Runs on its own two-minute budget, not the caller's token, so a
    /// cancelled run still cleans up; then reads each id back to confirm 404.
    /// </summary>
    private async Task CleanupAsync(LiveApi api)
    {
        if (!api.LoggedIn)
        {
            _findings.Add(new LiveFinding("Cleanup: delete everything this run made", "nothing made (no token)", ""));
            return;
        }

        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var deleted = 0;
        var notes = new List<string>();
        try
        {
            foreach (var name in new[] { NameA, NameB })
            {
                var found = await api.GetAsync($"api/v2/architect/prompts?name={Uri.EscapeDataString(name)}&includeResources=false", budget.Token);
                foreach (var entity in found.Entities.Where(e => e.GetProperty("name").GetString() == name))
                {
                    _created.Add(entity.GetProperty("id").GetString()!);
                }
            }

            foreach (var id in _created)
            {
                var answer = await api.SendAsync(HttpMethod.Delete, $"api/v2/architect/prompts/{Uri.EscapeDataString(id)}?allResources=true", null, budget.Token);
                deleted += answer.Ok ? 1 : 0;
                if (!answer.Ok)
                {
                    notes.Add($"DELETE {id}: {answer.Status} {answer.Text("message")}");
                }
            }

            var left = new List<string>();
            foreach (var id in _created)
            {
                if ((await api.GetAsync($"api/v2/architect/prompts/{Uri.EscapeDataString(id)}", budget.Token)).Status != 404)
                {
                    left.Add(id);
                }
            }

            Leftovers = left;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            // Reported in the table and by Leftovers: whatever was not confirmed deleted counts as left in the org.
            notes.Add($"{ex.GetType().Name}: {ex.Message}");
            Leftovers = [.. _created];
        }

        _findings.Add(new LiveFinding("Cleanup: delete everything this run made",
            Leftovers.Count == 0 ? $"deleted {deleted} of {_created.Count}, none left" : $"LEFT IN THE ORG: {string.Join(", ", Leftovers)} (delete prompts named {Prefix}_*)",
            notes.Count == 0 ? "each id read back: 404" : string.Join("; ", notes)));
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
