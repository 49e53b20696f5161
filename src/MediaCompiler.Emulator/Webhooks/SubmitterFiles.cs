using MediaCompiler.Storage;

namespace MediaCompiler.Emulator.Webhooks;

/// <summary>
/// <c>webhook-submitters/{jobId}</c> in the data directory: the client id that submitted each unfinished job, so that
/// a job resumed after a restart signs its webhook with that client's secret (in memory alone, it never could).
/// </summary>
internal sealed class SubmitterFiles(string dataDirectory)
{
    private readonly string _folder = Path.Combine(dataDirectory, "webhook-submitters");

    public void Save(string jobId, string clientId)
    {
        Directory.CreateDirectory(_folder);
        AtomicFile.WriteAllText(PathOf(jobId), clientId);
    }

    public string? Load(string jobId)
    {
        var path = PathOf(jobId);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    public void Delete(string jobId) => AtomicFile.TryDelete(PathOf(jobId));

    // Job ids are GUIDs the engine made; anything else could not name a file of ours.
    private string PathOf(string jobId) => Path.Combine(_folder, Guid.TryParse(jobId, out var id) ? id.ToString("D") : "invalid");
}
