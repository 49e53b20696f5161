using MediaCompiler.Audio;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Engine.Persistence;

namespace MediaCompiler.Engine.Outputs;

/// <summary>What reading one compiled output found: its bytes, nothing, or bytes that no longer match their hash.</summary>
public abstract record OutputRead
{
    private OutputRead()
    {
    }

    public sealed record Found(byte[] Bytes) : OutputRead;

    public sealed record NotFound : OutputRead;

    /// <summary>The stored bytes differ from the result's outputHash (truncated, overwritten): never served (IVR3405).</summary>
    public sealed record Damaged(Diagnostic Diagnostic) : OutputRead;
}

/// <summary>
/// Finds the compiled WAV behind a result's download address, in memory or in the data directory, and checks it
/// against the result's outputHash so that a truncated or altered file is reported instead of served.
/// </summary>
internal sealed class OutputReader(JobTable jobs, JsonStateStore? disk)
{
    public OutputRead Read(string downloadUri) =>
        DownloadUris.TryParse(downloadUri, out var jobId, out var nodeId) ? Read(jobId, nodeId) : new OutputRead.NotFound();

    public OutputRead Read(string jobId, string nodeId)
    {
        var (inMemory, index, expectedHash) = jobs.Read(table =>
        {
            // Served for every READY result, also those of a job that failed because another asset was rejected.
            if (!table.TryGetValue(jobId, out var job) || !CompileJobStates.IsFinal(job.Status))
            {
                return ((byte[]?)null, -1, (string?)null);
            }

            var hash = job.Results.FirstOrDefault(r => r.NodeId == nodeId && r.Status == CompileResultStates.Ready)?.OutputHash;
            return disk is null
                ? (job.Outputs.TryGetValue(nodeId, out var bytes) ? bytes : null, -1, hash)
                : (null, job.IndexOfNode(nodeId), hash);
        });

        var found = disk is null || index < 0 ? inMemory : disk.ReadOutput(jobId, index);
        if (found is null)
        {
            return new OutputRead.NotFound();
        }

        if (expectedHash is not null && !string.Equals(ContentHash.Of(found), expectedHash, StringComparison.OrdinalIgnoreCase))
        {
            var readHash = ContentHash.Of(found);
            return new OutputRead.Damaged(Diagnostic.Create(DiagnosticCatalog.EngineOutputDamaged, null, jobId, nodeId, expectedHash,
                $"{found.Length} bytes hashing to {readHash}"));
        }

        // A copy: callers may not change the engine's own bytes (in memory they are shared with reused outputs).
        return new OutputRead.Found(disk is null ? (byte[])found.Clone() : found);
    }
}
