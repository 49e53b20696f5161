using System.Collections.Concurrent;
using MediaCompiler.Audio;
using MediaCompiler.Client;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline.Steps;

/// <summary>
/// Step 5 (media API): saves each READY result as <c>&lt;NodeId&gt;.wav</c>, fetching only what differs: a file already
/// on disk whose SHA-256 equals the result's outputHash is kept as it is; the rest come in archives of up to
/// <see cref="ArchiveSize"/> outputs (one request each) where the engine offers them. A failed save is an error on its
/// prompt.
/// </summary>
internal sealed class DownloadStep(IMediaEngineClient client, RunContext context)
{
    /// <summary>
    /// Outputs per archive request: large enough that a cold build of 2,000 prompts needs 10 requests, small enough
    /// that one archive (about 40 KB per prompt) stays a few MB in memory.
    /// </summary>
    public const int ArchiveSize = 200;

    public async Task<IReadOnlyList<DownloadedPrompt>> RunAsync(IReadOnlyList<ReadyPrompt> ready, string directory, CancellationToken cancellationToken)
    {
        var written = new ConcurrentBag<DownloadedPrompt>();
        var needed = new List<(ReadyPrompt Item, string Destination)>();
        foreach (var item in ready)
        {
            var destination = Path.GetFullPath(Path.Combine(directory, item.Prompt.Input.NodeId + ".wav"));
            if (item.Result.DownloadUri is not { Length: > 0 })
            {
                Fail(item, destination, "the engine gave no download address");
            }
            else if (IsAlreadyThere(destination, item.Result.OutputHash))
            {
                // Kept, but dated now: MSBuild's up-to-date check compares the outputs' dates with the prompts', and a
                // kept file older than an edited prompt would make every later build run the target again.
                File.SetLastWriteTimeUtc(destination, DateTime.UtcNow);
                written.Add(new DownloadedPrompt(item.Prompt, destination, new FileInfo(destination).Length));
            }
            else
            {
                needed.Add((item, destination));
            }
        }

        var batches = needed
            .GroupBy(n => CompilationIdOf(n.Item.Result.DownloadUri!) ?? string.Empty, StringComparer.Ordinal)
            .SelectMany(job => job.Key.Length == 0 ? job.Select(n => (Job: job.Key, Items: new[] { n })) : job.Chunk(ArchiveSize).Select(c => (Job: job.Key, Items: c)))
            .ToArray();
        await Parallel.ForEachAsync(batches,
            new ParallelOptions { MaxDegreeOfParallelism = context.LightRequestParallelism, CancellationToken = cancellationToken },
            async (batch, token) => await FetchAsync(batch.Job, batch.Items, directory, written, token).ConfigureAwait(false)).ConfigureAwait(false);
        return written.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray();
    }

    private async Task FetchAsync(string compilationId, (ReadyPrompt Item, string Destination)[] batch, string directory, ConcurrentBag<DownloadedPrompt> written, CancellationToken token)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var outputs = batch.Select(b => new OutputDownload(b.Item.Prompt.Input.NodeId, b.Item.Result.DownloadUri!, b.Destination)).ToArray();
            if (compilationId.Length == 0)
            {
                await client.DownloadAsync(outputs[0].DownloadUri, outputs[0].DestinationPath, token).ConfigureAwait(false);
            }
            else
            {
                await client.DownloadOutputsAsync(compilationId, outputs, token).ConfigureAwait(false);
            }

            foreach (var (item, destination) in batch)
            {
                written.Add(new DownloadedPrompt(item.Prompt, destination, new FileInfo(destination).Length));
            }
        }
        catch (Exception ex) when (EngineDiagnostics.IsCallFailure(ex) || ex is UnauthorizedAccessException || (ex is OperationCanceledException && !token.IsCancellationRequested))
        {
            foreach (var (item, destination) in batch)
            {
                if (WriteFailure.IsDiskFull(ex))
                {
                    context.Failures.Add(item.Prompt.Input, Diagnostic.Create(DiagnosticCatalog.DiskFull, item.Prompt.Input.Path, destination, ex.Message.TrimEnd('.')));
                    continue;
                }

                Fail(item, destination, ex.Message);
            }
        }
    }

    /// <summary>True when the file on disk already holds exactly the compiled bytes (the engine said their hash).</summary>
    private static bool IsAlreadyThere(string destination, string? outputHash)
    {
        if (outputHash is null || !File.Exists(destination))
        {
            return false;
        }

        try
        {
            return string.Equals(ContentHash.OfFile(destination), outputHash, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unreadable now: download it again, which reports a real failure to write if there is one.
            return false;
        }
    }

    /// <summary>The job id of a download address <c>.../api/v2/media/compile/{id}/output/{node}</c>; null for any other form.</summary>
    internal static string? CompilationIdOf(string downloadUri)
    {
        var path = Uri.TryCreate(downloadUri, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : downloadUri.Split('?', 2)[0];
        var prefix = MediaApiRoutes.Compile + "/";
        var start = path.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var rest = path[(start + prefix.Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && rest[slash..].StartsWith("/output/", StringComparison.Ordinal) ? Uri.UnescapeDataString(rest[..slash]) : null;
    }

    private void Fail(ReadyPrompt item, string destination, string reason) =>
        context.Failures.Add(item.Prompt.Input, Diagnostic.Create(DiagnosticCatalog.CompiledPromptWriteFailed,
            item.Prompt.Input.Path, item.Prompt.Input.NodeId, destination, reason));
}
