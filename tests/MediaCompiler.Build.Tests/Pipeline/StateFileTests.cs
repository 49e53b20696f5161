using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>The shared state files stay whole when several builds (-m) write them at once.</summary>
public sealed class StateFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly RecordingLog _log = new();

    public void Dispose() => _temp.Dispose();

    private static readonly JsonSerializerOptions ReflectedWebDefaults = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static AuditRecord Record(int writer, int line) => new()
    {
        CorrelationId = $"{writer}-{line}",
        FlowId = new string('f', 2000),   // long lines make interleaving likely if the lock did not work
        Engine = "test",
        Encoding = "ulaw",
        Status = "COMPLETED",
    };

    [Fact]
    public async Task Parallel_audit_appends_never_interleave()
    {
        var path = _temp.Combine("audit.jsonl");

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(() =>
        {
            for (var line = 0; line < 25; line++)
            {
                AuditLog.Append(path, Record(writer, line), _log);
            }
        })));

        var lines = File.ReadAllLines(path);
        Assert.Equal(200, lines.Length);
        var ids = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("correlationId").GetString()).ToHashSet();
        Assert.Equal(200, ids.Count);
        Assert.Empty(_log.Diagnostics);
    }

    [Fact]
    public void An_audit_line_is_what_reflection_writes_with_the_web_defaults()
    {
        var started = new DateTimeOffset(2026, 12, 5, 1, 2, 3, 456, TimeSpan.FromHours(1));
        var record = Record(1, 2) with
        {
            FlowId = "main-menu",
            CompilationId = null,
            AssetCount = 3,
            Uploaded = 2,
            Reused = 1,
            StartedAt = started,
            SubmittedAt = started.AddMilliseconds(120.5),
            FinishedAt = started.AddSeconds(2),
            SubmitLatencyMs = 12.25,
            TotalDurationMs = 2000.125,
            Failures = [new AuditFailure("n1", "prompts/a.wav", "IVR3001", "too \"loud\" <é>"), new AuditFailure(null, null, "IVR3011", "job")],
            Counts = new Dictionary<string, int> { ["Created"] = 1, ["rateLimitWaits"] = 0 },
        };
        var path = _temp.Combine("audit.jsonl");

        AuditLog.Append(path, record, _log);

        var reflected = JsonSerializer.Serialize(record, ReflectedWebDefaults);
        Assert.Equal(reflected + "\n", File.ReadAllText(path));
        Assert.Contains("\"compilationId\":null", reflected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("")]
    public void Audit_path_that_cannot_be_a_file_is_a_warning_not_a_crash(string path)
    {
        AuditLog.Append(path, Record(0, 0), _log);

        var warning = Assert.Single(_log.Diagnostics);
        Assert.Equal("IVR5003", warning.Code);
        Assert.False(warning.IsError);
    }
}
