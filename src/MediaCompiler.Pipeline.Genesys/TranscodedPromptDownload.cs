using System.Collections.Concurrent;
using MediaCompiler.Diagnostics;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Steps;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline.Genesys;

/// <summary>
/// Saves each synced resource's transcoded audio (its mediaUri, served without authentication) as
/// <c>&lt;language&gt;/&lt;name&gt;.wav</c>, so two languages of one prompt never overwrite each other.
/// </summary>
internal sealed class TranscodedPromptDownload(HttpMessageHandler? handler, RunContext context)
{
    public async Task<IReadOnlyList<DownloadedPrompt>> RunAsync(IReadOnlyList<ReadyPrompt> ready, string directory, CancellationToken cancellationToken)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(100);
        var written = new ConcurrentBag<DownloadedPrompt>();
        await Parallel.ForEachAsync(ready,
            new ParallelOptions { MaxDegreeOfParallelism = context.LightRequestParallelism, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var input = item.Prompt.Input;
                var destination = Path.GetFullPath(Path.Combine(directory, input.Language ?? "und", (input.PromptName ?? input.NodeId) + ".wav"));
                if (item.Result.DownloadUri is not { Length: > 0 } uri || !Uri.TryCreate(uri, UriKind.Absolute, out var address))
                {
                    Fail(input, destination, item.Result.DownloadUri ?? "(none)", "the platform gave no mediaUri");
                    return;
                }
                try
                {
                    var bytes = await http.GetByteArrayAsync(address, token).ConfigureAwait(false);
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    AtomicFile.WriteAllBytes(destination, bytes);
                    written.Add(new DownloadedPrompt(item.Prompt, destination, bytes.Length));
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or UnauthorizedAccessException
                    || (ex is OperationCanceledException && !token.IsCancellationRequested))
                {
                    Fail(input, destination, uri, ex.Message);
                }
            }).ConfigureAwait(false);
        return written.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray();
    }

    private void Fail(PromptInput input, string destination, string uri, string reason) =>
        context.Failures.Add(input, Diagnostic.Create(DiagnosticCatalog.GenesysDownloadFailed, input.Path,
            input.PromptName, input.Language, uri, destination, reason));
}
