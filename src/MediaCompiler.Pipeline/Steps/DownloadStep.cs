using System.Collections.Concurrent;
using MediaCompiler.Client;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline.Steps;

/// <summary>Step 5 (media API): saves each READY result as <c>&lt;NodeId&gt;.wav</c>; a failed save is an error on its prompt.</summary>
internal sealed class DownloadStep(IMediaEngineClient client, RunContext context)
{
    public async Task<IReadOnlyList<DownloadedPrompt>> RunAsync(IReadOnlyList<ReadyPrompt> ready, string directory, CancellationToken cancellationToken)
    {
        var written = new ConcurrentBag<DownloadedPrompt>();
        await Parallel.ForEachAsync(ready,
            new ParallelOptions { MaxDegreeOfParallelism = context.LightRequestParallelism, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var input = item.Prompt.Input;
                var destination = Path.GetFullPath(Path.Combine(directory, input.NodeId + ".wav"));
                if (item.Result.DownloadUri is not { Length: > 0 } uri)
                {
                    Fail(item, destination, "the engine gave no download address");
                    return;
                }
                try
                {
                    Directory.CreateDirectory(directory);
                    await client.DownloadAsync(uri, destination, token).ConfigureAwait(false);
                    written.Add(new DownloadedPrompt(item.Prompt, destination, new FileInfo(destination).Length));
                }
                catch (Exception ex) when (EngineDiagnostics.IsCallFailure(ex) || ex is UnauthorizedAccessException || (ex is OperationCanceledException && !token.IsCancellationRequested))
                {
                    Fail(item, destination, ex.Message);
                }
            }).ConfigureAwait(false);
        return written.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray();
    }

    private void Fail(ReadyPrompt item, string destination, string reason) =>
        context.Failures.Add(item.Prompt.Input, Diagnostic.Create(DiagnosticCatalog.CompiledPromptWriteFailed,
            item.Prompt.Input.Path, item.Prompt.Input.NodeId, destination, reason));
}
