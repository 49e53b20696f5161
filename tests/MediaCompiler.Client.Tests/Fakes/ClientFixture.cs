using System.Text;

namespace MediaCompiler.Client.Tests.Fakes;

/// <summary>An <see cref="HttpMediaEngineClient"/> wired to a <see cref="ScriptedHandler"/> and a fake clock, with its log captured.</summary>
internal sealed class ClientFixture : IDisposable
{
    // Distinct from every retry delay, so a test can tell the two kinds of timer apart.
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(10);

    /// <param name="maxArchiveBytes">Null keeps the client's own bound.</param>
    public ClientFixture(int maxRetries = 3, TimeSpan? maxRetryDelay = null, string baseAddress = "http://127.0.0.1:5080", Func<double>? randomizer = null,
        long? maxArchiveBytes = null)
    {
        Options = new HttpMediaEngineClientOptions
        {
            MaxArchiveBytes = maxArchiveBytes ?? DefaultArchiveBytes,
            BaseAddress = new Uri(baseAddress),
            ClientId = ScriptedHandler.ClientId,
            ClientSecret = ScriptedHandler.ClientSecret,
            RequestTimeout = RequestTimeout,
            MaxRetries = maxRetries,
            MaxRetryDelay = maxRetryDelay ?? TimeSpan.FromSeconds(30),
            BaseRetryDelay = TimeSpan.FromMilliseconds(500),
            TimeProvider = Clock,
            Log = line => { lock (LogLines) LogLines.Add(line); },
            Handler = Handler,
        };
        Client = new HttpMediaEngineClient(Options, randomizer);
    }

    private static readonly long DefaultArchiveBytes =
        new HttpMediaEngineClientOptions { BaseAddress = new Uri("http://127.0.0.1"), ClientId = "", ClientSecret = "" }.MaxArchiveBytes;

    public ScriptedHandler Handler { get; } = new();

    public TimerWatchingClock Clock { get; } = new();

    public List<string> LogLines { get; } = [];

    public HttpMediaEngineClientOptions Options { get; }

    public HttpMediaEngineClient Client { get; }

    /// <summary>Like <see cref="RunAsync"/> for a call expected to fail; the test then awaits the call to see how.</summary>
    public Task<IReadOnlyList<TimeSpan>> RunToEndAsync(Task call) => RunAsync(call.ContinueWith(_ => { }, TaskScheduler.Default));

    /// <summary>
    /// Answers like a server that never answers: moves the clock past the per-attempt timeout (whose timer the
    /// client started before sending) and waits for the cancellation that follows.
    /// </summary>
    public async Task<HttpResponseMessage> HangUntilTimeoutAsync(CancellationToken cancellationToken)
    {
        var wait = Task.Delay(Timeout.Infinite, cancellationToken);
        Clock.Advance(RequestTimeout);
        await wait;
        throw new InvalidOperationException("unreachable: the wait only ends by cancellation");
    }

    public static bool IsRetryDelay(TimeSpan due) => due != RequestTimeout;

    /// <summary>Runs a client call to its end, elapsing every retry delay; returns the delays.</summary>
    public Task<IReadOnlyList<TimeSpan>> RunAsync(Task call) => Clock.RunAsync(call, IsRetryDelay);

    /// <summary>Fails when a secret, an issued token or the Basic credentials appear in <paramref name="text"/>.</summary>
    public void AssertNoSecretIn(string text)
    {
        Assert.DoesNotContain(ScriptedHandler.ClientSecret, text, StringComparison.Ordinal);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(ScriptedHandler.ClientId + ":" + ScriptedHandler.ClientSecret));
        Assert.DoesNotContain(basic, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase);
        lock (Handler.IssuedTokens)
        {
            foreach (var token in Handler.IssuedTokens)
                Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        }
    }

    public void AssertNoSecretLogged()
    {
        lock (LogLines)
        {
            foreach (var line in LogLines)
                AssertNoSecretIn(line);
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Handler.Dispose();
    }
}
