using System.Net;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;
using MediaCompiler.TestSupport;
using static MediaCompiler.Genesys.Tests.GenesysPlatformTests;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// The transcoded audio behind a pre-signed mediaUri goes through the same HTTP stack as every request: a storage
/// hiccup is retried, an answer larger than any prompt is refused at the bound (never read whole into memory), and
/// the error names the link without its signature. Against the emulator; the storage's answers are replaced in a
/// handler in front of it.
/// </summary>
public sealed class MediaDownloadTests : IAsyncLifetime
{
    private ArchitectEmulator _org = null!;

    public async Task InitializeAsync() => _org = await ArchitectEmulator.StartAsync();

    public async Task DisposeAsync() => await _org.DisposeAsync();

    private string Output => Path.Combine(_org.Folder, "out");

    private async Task<(PipelineResult Result, RecordingLog Log)> BuildAsync(HttpMessageHandler handler)
    {
        var audio = _org.Prompt("Welcome", "en-us", 440).AudioPath!;
        var settings = new PipelineSettings
        {
            CompileTimeout = TimeSpan.FromSeconds(30),
            CompiledPromptsDirectory = Output,
            AuditLogPath = Path.Combine(_org.Folder, "audit.jsonl"),
            Platform = MediaCompiler.Audio.Rules.TargetPlatform.Genesys,
            PlatformSettings = new GenesysBuildSettings(null, _org.Emulator.BaseAddress.ToString(), _org.Emulator.ClientId, _org.Emulator.ClientSecret,
                300, ConvertAudio: true, CheckFlows: false, DeleteOrphans: false, WorkDirectory: Path.Combine(_org.Folder, "obj", "genesys")),
        };
        var input = new PromptInput(audio, "Welcome.en-us", 1, "alaw", audio) { PromptName = "Welcome", Language = "en-us" };
        var log = new RecordingLog();
        var result = await new PromptPipeline(settings, log, _org.Clock).RunOnPlatformAsync([input],
            () => new GenesysPlatform((GenesysBuildSettings)settings.PlatformSettings!, handler), CancellationToken.None);
        return (result, log);
    }

    [Fact]
    public async Task A_storage_answering_503_twice_is_retried_and_the_prompt_saved()
    {
        using var storage = new Storage(_org.Handler(), read => read <= 2 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : null);

        var (result, log) = await BuildAsync(storage);

        Assert.True(result.Succeeded, log.ToString());
        Assert.True(new FileInfo(Path.Combine(Output, "en-us", "Welcome.wav")).Length > 44);
        Assert.Equal(3, storage.MediaReads);
    }

    [Theory]
    [InlineData(true)]  // a Content-Length past the bound: refused before the body is read
    [InlineData(false)] // no Content-Length and a body that never ends: refused at the bound
    public async Task An_answer_larger_than_any_prompt_is_IVR6055_without_the_link_signature(bool claimed)
    {
        using var storage = new Storage(_org.Handler(), _ =>
        {
            var content = claimed ? (HttpContent)new ByteArrayContent(new byte[1024]) : new StreamContent(new EndlessStream());
            content.Headers.ContentLength = claimed ? 10L * 1024 * 1024 * 1024 : null;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var (result, log) = await BuildAsync(storage);

        Assert.False(result.Succeeded);
        var error = Assert.Single(log.Diagnostics, d => d.IsError);
        Assert.Equal("IVR6055", error.Code);
        Assert.Contains("more than the 67108864", error.Message, StringComparison.Ordinal);
        Assert.Contains("/emulator-media/", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-Signature", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, storage.MediaReads); // not worth another attempt
        Assert.False(File.Exists(Path.Combine(Output, "en-us", "Welcome.wav")));
    }

    /// <summary>Answers reads of a mediaUri (the storage) with <c>answer</c>'s response, or passes them on when it gives none.</summary>
    private sealed class Storage(HttpMessageHandler toEmulator, Func<int, HttpResponseMessage?> answer) : DelegatingHandler(toEmulator)
    {
        private int _reads;

        public int MediaReads => _reads;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.StartsWith("/emulator-media/", StringComparison.Ordinal)
                && answer(Interlocked.Increment(ref _reads)) is { } replaced)
            {
                replaced.RequestMessage = request;
                return Task.FromResult(replaced);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
