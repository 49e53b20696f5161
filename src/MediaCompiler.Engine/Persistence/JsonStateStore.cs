using System.Text.Json;
using MediaCompiler.Audio;
using MediaCompiler.Diagnostics;
using MediaCompiler.Contract;
using MediaCompiler.Storage;

namespace MediaCompiler.Engine.Persistence;

/// <summary>
/// The engine's data directory:
/// <c>assets/{id}.bin</c> (uploaded bytes) and <c>assets/{id}.json</c> (the asset, written last: its presence commits
/// the upload), <c>outputs/{jobId}.{index}.wav</c> (compiled results) and <c>jobs/{id}.json</c> (the job, rewritten
/// when it ends: a COMPLETED record commits its outputs). Every write is atomic. A state file that does not parse or
/// does not agree with its content is set aside as <c>*.corrupt</c> with a warning and never trusted.
/// Not thread-safe by itself: the engine calls it under its locks.
/// </summary>
internal sealed class JsonStateStore
{
    private const string CorruptSuffix = ".corrupt";

    private readonly string _assets;
    private readonly string _outputs;
    private readonly string _jobs;

    public JsonStateStore(string directory)
    {
        _assets = Path.Combine(directory, "assets");
        _outputs = Path.Combine(directory, "outputs");
        _jobs = Path.Combine(directory, "jobs");
        foreach (var folder in new[] { _assets, _outputs, _jobs })
        {
            Directory.CreateDirectory(folder);
            AtomicFile.DeleteLeftovers(folder);
        }
    }

    public void SaveAsset(MediaAssetDto asset, byte[] content)
    {
        AtomicFile.WriteAllBytes(AssetContentPath(asset.Id), content);
        AtomicFile.WriteAllBytes(Path.Combine(_assets, asset.Id + ".json"), JsonSerializer.SerializeToUtf8Bytes(asset, MediaApiJson.Options));
    }

    /// <summary>The uploaded bytes of an asset, or null when they are gone.</summary>
    public byte[]? ReadAssetContent(string id) => ReadOrNull(AssetContentPath(id));

    /// <summary>Length and last write time of an asset's content file, or null when it is gone.</summary>
    public (long Length, DateTime WrittenUtc)? AssetContentStamp(string id)
    {
        var file = new FileInfo(AssetContentPath(id));
        return file.Exists ? (file.Length, file.LastWriteTimeUtc) : null;
    }

    /// <summary>Every trustworthy asset; content files without a committed asset record are removed.</summary>
    public List<MediaAssetDto> LoadAssets(List<Diagnostic> warnings)
    {
        var assets = new List<MediaAssetDto>();
        foreach (var path in Directory.EnumerateFiles(_assets, "*.json"))
        {
            var asset = ReadJson<MediaAssetDto>(path, warnings, (a, id) =>
                a.Id != id ? "its id does not match its file name"
                : !ContentHash.IsWellFormed(a.ContentHash) ? "its content hash is malformed"
                : new FileInfo(AssetContentPath(id)) is { Exists: true } content && content.Length == a.Size ? null
                : "its content file is missing or has the wrong size");
            if (asset is not null)
            {
                assets.Add(asset);
            }
        }

        var known = assets.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var content in Directory.EnumerateFiles(_assets, "*.bin"))
        {
            if (!known.Contains(Path.GetFileNameWithoutExtension(content)))
            {
                AtomicFile.TryDelete(content); // an upload killed before its record was committed
            }
        }

        return assets;
    }

    public void SaveOutput(string jobId, int index, byte[] content) => AtomicFile.WriteAllBytes(OutputPath(jobId, index), content);

    public byte[]? ReadOutput(string jobId, int index) => ReadOrNull(OutputPath(jobId, index));

    public void SaveJob(JobRecord job) =>
        AtomicFile.WriteAllBytes(Path.Combine(_jobs, job.Id + ".json"), JsonSerializer.SerializeToUtf8Bytes(job, MediaApiJson.Options));

    /// <summary>Every trustworthy job; outputs of jobs no longer known are removed.</summary>
    public List<JobRecord> LoadJobs(List<Diagnostic> warnings)
    {
        var jobs = new List<JobRecord>();
        foreach (var path in Directory.EnumerateFiles(_jobs, "*.json"))
        {
            var job = ReadJson<JobRecord>(path, warnings, (j, id) =>
                j.Id != id ? "its id does not match its file name"
                : j.Request?.Media is null || j.Results is null || string.IsNullOrEmpty(j.Encoding) ? "it lacks its request or results"
                : j.Status is CompileJobStates.Queued or CompileJobStates.Running or CompileJobStates.Completed or CompileJobStates.Failed ? null
                : $"its status '{j.Status}' is unknown");
            if (job is not null)
            {
                jobs.Add(job);
            }
        }

        var known = jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var output in Directory.EnumerateFiles(_outputs, "*.wav"))
        {
            var name = Path.GetFileName(output);
            var jobId = name[..Math.Max(0, name.IndexOf('.'))];
            if (!known.Contains(jobId))
            {
                AtomicFile.TryDelete(output);
            }
        }

        return jobs;
    }

    /// <summary>Deletes every asset, output and job file (corrupt ones set aside included).</summary>
    public void Clear()
    {
        foreach (var folder in new[] { _assets, _outputs, _jobs })
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                AtomicFile.TryDelete(file);
            }
        }
    }

    private string AssetContentPath(string id) => Path.Combine(_assets, id + ".bin");

    private string OutputPath(string jobId, int index) => Path.Combine(_outputs, $"{jobId}.{index}.wav");

    private static byte[]? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads one state file; <paramref name="problem"/> returns null when the parsed value can be trusted, else why
    /// not. Untrusted files are renamed aside with a warning.
    /// </summary>
    private static T? ReadJson<T>(string path, List<Diagnostic> warnings, Func<T, string, string?> problem)
        where T : class
    {
        string? reason;
        try
        {
            var value = JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), MediaApiJson.Options);
            reason = value is null ? "it is empty" : problem(value, Path.GetFileNameWithoutExtension(path));
            if (reason is null)
            {
                return value;
            }
        }
        catch (JsonException e)
        {
            reason = $"it is not valid JSON: {e.Message}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"it could not be read: {e.Message}";
        }

        var aside = path + CorruptSuffix;
        try
        {
            File.Move(path, aside, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            aside = "(could not be moved: " + e.Message + ")";
        }

        warnings.Add(Diagnostic.Create(DiagnosticCatalog.EngineStateFileCorrupt, path, path, reason, aside));
        return null;
    }
}
