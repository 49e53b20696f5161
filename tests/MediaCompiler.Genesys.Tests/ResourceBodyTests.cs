using System.Collections.Concurrent;
using System.Text.Json;

namespace MediaCompiler.Genesys.Tests;

/// <summary>
/// What <c>POST …/resources</c> carries: a prompt's text and TTS text when it has them, and no empty values when it has
/// none (the Terraform provider leaves them out too; whether the platform takes an empty string is not known).
/// </summary>
public sealed class ResourceBodyTests
{
    [Fact]
    public async Task A_new_resource_without_text_sends_no_empty_text_and_one_with_text_sends_it()
    {
        await using var org = await ArchitectEmulator.StartAsync();
        RecordResourceCreates recorder = null!;
        var result = await GenesysPromptSync.RunAsync(
            [org.Prompt("Plain", "en-us", 440), org.Prompt("Spoken", "en-us", 550, text: "Welcome", tts: "Welcome to Acme")],
            org.Options(inFront: toEmulator => recorder = new RecordResourceCreates(toEmulator)));

        Assert.True(result.Succeeded, string.Join("\n", result.AllDiagnostics));
        JsonElement BodyOf(string name) => recorder.Bodies[result.Resources.Single(r => r.Prompt.Name == name).PromptId!];
        var plain = BodyOf("Plain");
        Assert.False(plain.TryGetProperty("text", out _), plain.ToString());
        Assert.False(plain.TryGetProperty("ttsString", out _), plain.ToString());
        var spoken = BodyOf("Spoken");
        Assert.Equal(("Welcome", "Welcome to Acme"), (spoken.GetProperty("text").GetString(), spoken.GetProperty("ttsString").GetString()));
    }

    /// <summary>The last body of <c>POST /prompts/{id}/resources</c> per prompt id.</summary>
    private sealed class RecordResourceCreates(HttpMessageHandler toEmulator) : DelegatingHandler(toEmulator)
    {
        public ConcurrentDictionary<string, JsonElement> Bodies { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var segments = request.RequestUri!.AbsolutePath.Split('/');
            if (request.Method == HttpMethod.Post && segments is [.., "prompts", var id, "resources"] && request.Content is { } content)
            {
                Bodies[id] = JsonDocument.Parse(await content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
