using MediaCompiler.Contract;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Engine.Persistence;

namespace MediaCompiler.Engine.Outputs;

/// <summary>Finds the compiled WAV behind a result's download address, in memory or in the data directory.</summary>
internal sealed class OutputReader(JobTable jobs, JsonStateStore? disk)
{
    public byte[]? Read(string downloadUri)
    {
        if (!DownloadUris.TryParse(downloadUri, out var jobId, out var nodeId))
        {
            return null;
        }

        var (inMemory, index) = jobs.Read(table =>
        {
            // Served for every READY result, also those of a job that failed because another asset was rejected.
            if (!table.TryGetValue(jobId, out var job) || !CompileJobStates.IsFinal(job.Status))
            {
                return ((byte[]?)null, -1);
            }

            return disk is null
                ? (job.Outputs.TryGetValue(nodeId, out var bytes) ? (byte[])bytes.Clone() : null, -1)
                : (null, job.IndexOfNode(nodeId));
        });

        return disk is null || index < 0 ? inMemory : disk.ReadOutput(jobId, index);
    }
}
