using System.Net;
using System.Net.Http.Json;
using System.Text;
using MediaCompiler.Emulator.Tests.Support;
using MediaCompiler.Contract;

namespace MediaCompiler.Emulator.Tests;

public sealed class CompileTests
{
    [Theory]
    [InlineData(16000, "ulaw", G711Wav.MuLawTag)]
    [InlineData(8000, "alaw", G711Wav.ALawTag)]
    public async Task A_compiled_prompt_downloads_as_G711_8kHz_mono_that_sounds_like_the_input(int inputRate, string encoding, int formatTag)
    {
        const double seconds = 0.5;
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(inputRate, seconds), "menu.wav");

        var accepted = await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, encoding, (asset.Id, "node-menu")));
        var job = await api.PollUntilFinalAsync(accepted.Id);

        Assert.Equal(CompileJobStates.Completed, job.Status);
        var result = Assert.Single(job.Results);
        Assert.Equal(CompileResultStates.Ready, result.Status);
        Assert.Equal("node-menu", result.NodeId);
        using var download = await api.Http.GetAsync(result.DownloadUri!.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("audio/wav", download.Content.Headers.ContentType?.MediaType);

        var wav = G711Wav.Parse(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(formatTag, wav.FormatTag);
        Assert.Equal(8000, wav.SampleRate);
        Assert.Equal(1, wav.Channels);
        Assert.Equal(8, wav.BitsPerSample);
        var expected = TestAudio.Samples(8000, seconds);
        Assert.InRange(wav.Samples.Length, expected.Length * 0.95, expected.Length * 1.05);
        Assert.True(Correlation.Best(expected, wav.Samples, maxLag: 40) > 0.9, "the compiled audio does not match the input");
    }

    [Fact]
    public async Task An_accepted_job_is_202_queued_with_its_location_and_reads_back_by_id()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));

        using var response = await api.SubmitAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "n1")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var json = ApiSession.ParseJson(await response.Content.ReadAsStringAsync());
        var id = json.GetProperty("id").GetString()!;
        Assert.Equal("QUEUED", json.GetProperty("status").GetString());
        Assert.Equal(json.GetProperty("selfUri").GetString(), response.Headers.Location?.OriginalString);
        var status = await api.GetJobAsync(id);
        Assert.Equal(id, status.Id);
        Assert.Equal(emulator.FlowId, status.FlowId);
        Assert.Equal("build-42", status.CorrelationId);
    }

    [Fact]
    public async Task A_request_breaking_the_schema_is_400_with_a_detail_per_bad_field()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();

        using var response = await api.SubmitAsync(new CompileRequest
        {
            FlowId = "no-such-flow",
            Encoding = "mp3",
            Media = [new CompileMediaEntry { AssetId = "missing-asset", NodeId = "" }],
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await ApiSession.ReadErrorAsync(response)).Details.Select(d => d.Field).ToHashSet();
        Assert.Superset(new HashSet<string?> { "flowId", "encoding", "media[0].assetId", "media[0].nodeId" }, fields);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"flowId\": 12, \"media\": \"x\"}")]
    [InlineData("null")]
    public async Task Malformed_json_is_400(string body)
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();

        using var response = await api.Http.PostAsync("api/v2/media/compile", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ApiSession.ReadErrorAsync(response);
    }

    [Fact]
    public async Task An_unknown_job_and_an_unknown_output_are_404()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));
        var accepted = await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "n1")));
        await api.PollUntilFinalAsync(accepted.Id);

        using var job = await api.Http.GetAsync("api/v2/media/compile/no-such-job");
        using var output = await api.Http.GetAsync($"api/v2/media/compile/{accepted.Id}/output/no-such-node");
        using var outputOfUnknownJob = await api.Http.GetAsync("api/v2/media/compile/no-such-job/output/n1");

        Assert.Equal(HttpStatusCode.NotFound, job.StatusCode);
        Assert.Equal("not.found", (await ApiSession.ReadErrorAsync(job)).Code);
        Assert.Equal(HttpStatusCode.NotFound, output.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outputOfUnknownJob.StatusCode);
    }

    [Fact]
    public async Task A_node_id_that_needs_escaping_still_downloads()
    {
        await using var emulator = await Emulators.StartAsync();
        using var api = await new ApiSession(emulator).LogInAsync();
        var asset = await api.UploadOkAsync(TestAudio.Wav(8000));
        var accepted = await api.SubmitOkAsync(ApiSession.CompileRequestFor(emulator.FlowId, "ulaw", (asset.Id, "menu/main prompt")));

        var job = await api.PollUntilFinalAsync(accepted.Id);
        using var download = await api.Http.GetAsync(Assert.Single(job.Results).DownloadUri!.TrimStart('/'));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(G711Wav.MuLawTag, G711Wav.Parse(await download.Content.ReadAsByteArrayAsync()).FormatTag);
    }
}
