namespace MediaCompiler.Pipeline.Steps;

/// <summary>
/// How the prompts to upload are grouped into upload requests (media API 2.3's batch upload): spread evenly over the
/// requests the first round may send, so that every prompt leaves in the first round trip when the server takes them,
/// within <see cref="BuildDefaults.MaxPromptsPerUpload"/> prompts and <see cref="BuildDefaults.MaxUploadBatchBytes"/>
/// bytes per request (a larger prompt goes alone). The order of the prompts is kept.
/// </summary>
internal static class UploadBatches
{
    public static IReadOnlyList<IReadOnlyList<T>> Plan<T>(IReadOnlyList<T> items, Func<T, long> sizeOf, int firstRound)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var requests = Math.Max(1, firstRound);
        var perBatch = Math.Clamp((items.Count + requests - 1) / requests, 1, BuildDefaults.MaxPromptsPerUpload);
        var batches = new List<IReadOnlyList<T>>();
        var current = new List<T>();
        long bytes = 0;
        foreach (var item in items)
        {
            var size = Math.Max(0, sizeOf(item));
            if (current.Count > 0 && (current.Count == perBatch || bytes + size > BuildDefaults.MaxUploadBatchBytes))
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }
            current.Add(item);
            bytes += size;
        }
        batches.Add(current);
        return batches;
    }
}
