using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MediaCompiler.Emulator;
using MediaCompiler.Genesys;
using MediaCompiler.Genesys.Benchmark;
using MediaCompiler.Genesys.Sync;

// Request counts of a prompt sync: N prompts x 2 languages against the in-process emulator (default Architect
// pace: 2 s index lag, 1.5 s transcode), cold, no change (a fresh process: the library keeps no local state), one
// changed file; printed beside the Terraform provider's algorithm for the same change sets. Usage: [prompts].
var prompts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
string[] languages = ["en-us", "de-de"];

await using var emulator = await EmulatorHost.StartAsync();
using var admin = new HttpClient { BaseAddress = emulator.BaseAddress };
// The platform's 300 requests a minute would make the cold sync take ~20 minutes; counts, not pacing, are measured.
(await admin.PutAsJsonAsync("emulator/architect/settings", new { requestsPerMinutePerToken = 0 })).EnsureSuccessStatusCode();

var folder = Directory.CreateTempSubdirectory("genesys-bench-").FullName;
try
{
    var desired = new List<DesiredPrompt>();
    for (var i = 0; i < prompts; i++)
    {
        foreach (var language in languages)
        {
            desired.Add(Write(folder, $"Prompt_{i:D5}", language, 200 + i + (language == "de-de" ? 0.5 : 0)));
        }
    }

    var options = new GenesysSyncOptions
    {
        BaseUrl = emulator.BaseAddress.ToString(),
        ClientId = emulator.ClientId,
        ClientSecret = emulator.ClientSecret,
        RequestsPerMinute = 0,
        TranscodeTimeout = TimeSpan.FromMinutes(5),
    };

    Console.WriteLine($"Genesys prompt sync, {prompts} prompts x {languages.Length} languages = {desired.Count} resources, emulator on loopback");
    Console.WriteLine("| change set | our requests (by route) | our requests | Terraform algorithm (lower bound) | wall time |");
    Console.WriteLine("|---|---|---:|---:|---:|");
    await Run("cold sync", desired, TerraformModel.Cold(prompts, languages.Length));
    await Run("no change, fresh clone", desired, TerraformModel.NoChange(prompts));
    desired[1] = Write(folder, desired[1].Name, desired[1].Language, 9999);
    await Run("one changed file", desired, TerraformModel.OneChangedFile(prompts, languages.Length));
    Console.WriteLine($"target: no change <= ceil({prompts}/100) + 2 = {(prompts + 99) / 100 + 2}; one changed file <= 6 + polls; cold <= 4 per resource + batched polls");
    return 0;

    async Task Run(string label, List<DesiredPrompt> set, int terraform)
    {
        var before = emulator.RequestCounts;
        var clock = Stopwatch.StartNew();
        var result = await GenesysPromptSync.RunAsync(set, options);
        clock.Stop();
        var byRoute = emulator.RequestCounts
            .Select(p => (Route: p.Key, Count: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(p => p.Count > 0)
            .Select(p => $"{p.Route}: {p.Count}");
        var errors = result.AllDiagnostics.Count(d => d.IsError);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label}{(errors > 0 ? $" ({errors} errors!)" : "")} | {string.Join("; ", byRoute)} | {result.Counts.Requests} | {terraform} | {clock.Elapsed.TotalSeconds:0.0} s |"));
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static DesiredPrompt Write(string folder, string name, string language, double frequency)
{
    var directory = Directory.CreateDirectory(Path.Combine(folder, language)).FullName;
    var path = Path.Combine(directory, name + ".wav");
    var bytes = Wav.Sine(frequency);
    File.WriteAllBytes(path, bytes);
    return new DesiredPrompt(name, language, path, Convert.ToHexStringLower(SHA256.HashData(bytes)));
}
