using System.Net.Http.Json;
using System.Security.Cryptography;
using MediaCompiler.Emulator;
using MediaCompiler.Genesys.Sync;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// An in-process emulator with the Architect surface set to a fast pace (short lag, windows and transcode delay),
/// a scratch folder for prompt files, and helpers to build desired prompts and sync options. Emulator and client share
/// one <see cref="EmulatorClock"/>: no test waits for real time.
/// </summary>
internal sealed class ArchitectEmulator : IAsyncDisposable
{
    private readonly HttpClient _admin;

    private ArchitectEmulator(RunningEmulator emulator, string folder, EmulatorClock clock)
    {
        Emulator = emulator;
        Folder = folder;
        Clock = clock;
        _admin = new HttpClient(clock.Track(new SocketsHttpHandler())) { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The clock of the emulator's windows and of every client built from <see cref="Options"/> or <see cref="Handler"/>.</summary>
    public EmulatorClock Clock { get; }

    public RunningEmulator Emulator { get; }

    public string Folder { get; }

    public List<SyncLogMessage> Log { get; } = [];

    public static async Task<ArchitectEmulator> StartAsync(object? settings = null)
    {
        var clock = new EmulatorClock();
        var emulatorSettings = MediaCompiler.Emulator.Configuration.EmulatorSettings.LoadDefaults();
        emulatorSettings.TimeProvider = clock;
        var emulator = await EmulatorHost.StartAsync(emulatorSettings);
        var folder = Directory.CreateTempSubdirectory("genesys-tests-").FullName;
        var started = new ArchitectEmulator(emulator, folder, clock);
        await started.ConfigureAsync(settings ?? new { });
        return started;
    }

    /// <summary>Fast defaults, overridden by the properties of <paramref name="overrides"/>.</summary>
    public async Task ConfigureAsync(object overrides)
    {
        var settings = new Dictionary<string, object?>
        {
            ["indexLagMilliseconds"] = 300,
            ["readAfterWriteNotFoundMilliseconds"] = 200,
            ["transcodeDelayMilliseconds"] = 200,

            // The awkward default: listings show the previous status and mediaUri a while after an upload.
            ["statusListingLagMilliseconds"] = 700,

            // The awkward default: POST …/resources right after POST /prompts meets the read-after-write 404 too.
            ["resourceCreateNotFoundMilliseconds"] = 150,

            // The awkward default: dependency tracking answers one consumer a page, so every page must be read.
            ["maxDependencyPageSize"] = 1,

            // The awkward default: the deprecated uploadUri is gone; only the preview uploads route is left.
            ["omitUploadUri"] = true,
        };
        foreach (var property in overrides.GetType().GetProperties())
        {
            settings[char.ToLowerInvariant(property.Name[0]) + property.Name[1..]] = property.GetValue(overrides);
        }

        using var response = await _admin.PutAsJsonAsync("emulator/architect/settings", settings);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Writes a WAV (a tone of <paramref name="frequency"/>) for a prompt and returns the desired prompt.</summary>
    public DesiredPrompt Prompt(string name, string language, double frequency, string? text = null, string? tts = null, byte[]? audio = null)
    {
        var folder = Path.Combine(Folder, language);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".wav");
        var bytes = audio ?? TestWav.Sine(frequency);
        File.WriteAllBytes(path, bytes);
        return new DesiredPrompt(name, language, path, Convert.ToHexStringLower(SHA256.HashData(bytes)), text, tts);
    }

    /// <param name="inFront">A test's scripted handler in front of the emulator (see <see cref="Handler"/>).</param>
    /// <param name="pageSize">Prompts per listing page (with <paramref name="pagingCap"/>, for an emulator started with a small PagingCap).</param>
    public GenesysSyncOptions Options(string? secret = null, bool deleteOrphans = false, int requestsPerMinute = 300, TimeSpan? transcodeTimeout = null, string? division = null,
        Func<HttpMessageHandler, HttpMessageHandler>? inFront = null, int? pageSize = null, int? pagingCap = null) => new()
    {
        PageSize = pageSize ?? Defaults.PageSize,
        PagingCap = pagingCap ?? Defaults.PagingCap,
        BaseUrl = Emulator.BaseAddress.ToString(),
        ClientId = Emulator.ClientId,
        ClientSecret = secret ?? Emulator.ClientSecret,
        RequestsPerMinute = requestsPerMinute,
        BaseRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(30),
        FirstPollDelay = TimeSpan.FromMilliseconds(100),
        MaxPollDelay = TimeSpan.FromMilliseconds(400),
        ConflictRequeryTimeout = TimeSpan.FromSeconds(10),
        TranscodeTimeout = transcodeTimeout ?? TimeSpan.FromSeconds(20),
        DeleteOrphans = deleteOrphans,
        TimeProvider = Clock,
        Handler = Handler(inFront),
        Division = division,
        Log = message => { lock (Log) { Log.Add(message); } },
    };

    private static readonly GenesysSyncOptions Defaults = new() { BaseUrl = "https://api.invalid/", ClientId = "", ClientSecret = "" };

    /// <summary>
    /// The client's way to the emulator, counted by <see cref="Clock"/>; <paramref name="inFront"/> puts a test's scripted
    /// handler in front of it (its own answers are then not requests in flight).
    /// </summary>
    public HttpMessageHandler Handler(Func<HttpMessageHandler, HttpMessageHandler>? inFront = null)
    {
        var toEmulator = Clock.Track(new SocketsHttpHandler());
        return inFront is null ? toEmulator : inFront(toEmulator);
    }

    /// <summary>Requests per route made while <paramref name="action"/> ran (from the emulator's own counts).</summary>
    public async Task<(T Result, Dictionary<string, int> Requests)> CountAsync<T>(Func<Task<T>> action)
    {
        var before = Emulator.RequestCounts;
        var result = await action();
        var after = Emulator.RequestCounts;
        var diff = after
            .Select(pair => (pair.Key, Count: pair.Value - before.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Count > 0)
            .ToDictionary(pair => pair.Key, pair => pair.Count);
        return (result, diff);
    }

    public async Task<T?> GetJsonAsync<T>(string path, string token) where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _admin.SendAsync(request);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<T>() : null;
    }

    /// <summary>A token of the demo client (for checks made beside the library).</summary>
    public async Task<string> TokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials"), new("client_id", Emulator.ClientId), new("client_secret", Emulator.ClientSecret)]),
        };
        using var response = await _admin.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
        return body!["access_token"].GetString()!;
    }

    public HttpClient Admin => _admin;

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await Emulator.DisposeAsync();
        await Clock.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
