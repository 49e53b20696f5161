using System.IO.Compression;
using System.Net;
using MediaCompiler.Client.Tests.Fakes;
using MediaCompiler.Contract;

namespace MediaCompiler.Client.Tests.Http;

/// <summary>
/// The output archive (media API 2.1) is written as one group (AtomicFileBatch): every file in place, or, when the
/// archive is not whole, none changed and no temporary file left behind.
/// </summary>
public sealed class OutputArchiveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ivr-archive-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static HttpResponseMessage Archive(params (string Name, byte[] Bytes)[] entries)
    {
        var body = new MemoryStream();
        using (var zip = new ZipArchive(body, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body.ToArray()) };
    }

    private OutputDownload[] Outputs(params string[] nodeIds) =>
        nodeIds.Select(n => new OutputDownload(n, $"/api/v2/media/compile/job-1/output/{n}", Path.Combine(_folder, n + ".wav"))).ToArray();

    [Fact]
    public async Task Every_file_of_the_archive_is_in_place_with_its_bytes_and_no_temporary_file_stays()
    {
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(Archive(("welcome.wav", [1, 2, 3]), ("main%20menu.wav", [4, 5])));

        await fixture.Client.DownloadOutputsAsync("job-1", Outputs("welcome", "main menu"), CancellationToken.None);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(Path.Combine(_folder, "welcome.wav")));
        Assert.Equal([4, 5], File.ReadAllBytes(Path.Combine(_folder, "main menu.wav")));
        Assert.Equal(2, Directory.GetFiles(_folder).Length);
    }

    [Fact]
    public async Task An_archive_that_lacks_a_node_changes_no_file_and_leaves_no_temporary_file()
    {
        using var fixture = new ClientFixture();
        File.WriteAllBytes(Path.Combine(_folder, "welcome.wav"), [9]);
        fixture.Handler.Api = (_, _) => Task.FromResult(Archive(("welcome.wav", [1, 2, 3])));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() =>
            fixture.Client.DownloadOutputsAsync("job-1", Outputs("welcome", "goodbye"), CancellationToken.None));

        Assert.Contains("lacks node 'goodbye'", ex.Message, StringComparison.Ordinal);
        Assert.Equal([9], File.ReadAllBytes(Path.Combine(_folder, "welcome.wav")));
        Assert.Equal([Path.Combine(_folder, "welcome.wav")], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task An_entry_that_unpacks_past_any_compiled_prompt_fails_the_download_and_no_file_is_kept()
    {
        // 65 MB of zeros deflates to about 64 KB: a small archive, an entry past the bound.
        using var fixture = new ClientFixture();
        fixture.Handler.Api = (_, _) => Task.FromResult(Archive(("welcome.wav", [1, 2, 3]), ("menu.wav", new byte[65 * 1024 * 1024])));

        var ex = await Assert.ThrowsAsync<MediaEngineException>(() =>
            fixture.Client.DownloadOutputsAsync("job-1", Outputs("welcome", "menu"), CancellationToken.None));

        Assert.Equal("IVR4011", ex.Code);
        Assert.Contains("'menu' unpacks to 68157440 bytes, more than any compiled prompt (67108864)", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
