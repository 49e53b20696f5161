using MediaCompiler.Contract;
using MediaCompiler.Emulator.Tests.Support;

namespace MediaCompiler.Emulator.Tests;

/// <summary>
/// The engine's warnings on a READY result reach the wire as the optional `warnings` array of {code, message}, read
/// from the raw JSON (not through our own DTOs); a result with nothing to say carries `warnings: null`.
/// </summary>
public sealed class CompileWarningTests
{
    [Fact]
    public async Task A_result_whose_normalisation_was_limited_carries_IVR1608_in_its_warnings()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        // A tone at -43 dBov with one click at 0.9: the gain to -26 dBov would put the click far over full scale.
        var samples = Enumerable.Range(0, 8000).Select(i => (float)(0.01 * Math.Sin(2 * Math.PI * 440 * i / 8000))).ToArray();
        samples[4000] = 0.9f;
        var spiky = await api.UploadOkAsync(MediaCompiler.TestSupport.WavWriter.Pcm16(samples, 8000), "spiky.wav");
        var plain = await api.UploadOkAsync(TestAudio.Wav(8000), "plain.wav");

        var accepted = await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (spiky.Id, "spiky"), (plain.Id, "plain")));
        await api.PollUntilFinalAsync(accepted.Id);
        using var response = await api.Http.GetAsync(MediaApiRoutes.CompilationPath(accepted.Id).TrimStart('/'));
        var results = ApiSession.ParseJson(await response.Content.ReadAsStringAsync()).GetProperty("results");

        var spikyResult = results.EnumerateArray().Single(r => r.GetProperty("nodeId").GetString() == "spiky");
        Assert.Equal(CompileResultStates.Ready, spikyResult.GetProperty("status").GetString());
        var warning = Assert.Single(spikyResult.GetProperty("warnings").EnumerateArray());
        Assert.Equal("IVR1608", warning.GetProperty("code").GetString());
        Assert.Contains("spiky.wav", warning.GetProperty("message").GetString(), StringComparison.Ordinal);
        var plainResult = results.EnumerateArray().Single(r => r.GetProperty("nodeId").GetString() == "plain");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plainResult.GetProperty("warnings").ValueKind);
    }
}
