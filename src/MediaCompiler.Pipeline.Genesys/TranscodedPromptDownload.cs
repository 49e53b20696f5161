using System.Collections.Concurrent;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys;
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
    /// <param name="refresh">
    /// Reads a resource's current mediaUri (name, language): used once per file when its link answers 403, since
    /// pre-signed mediaUris expire an hour after they were signed and a long sync can outlast that.
    /// </param>
    public async Task<IReadOnlyList<DownloadedPrompt>> RunAsync(IReadOnlyList<ReadyPrompt> ready, string directory,
        Func<string, string, CancellationToken, Task<MediaUriRead>> refresh, CancellationToken cancellationToken)
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
                    var bytes = await GetAsync(http, address, token).ConfigureAwait(false);
                    if (bytes is null)
                    {
                        var fresh = await refresh(input.PromptName ?? input.NodeId, input.Language ?? "", token).ConfigureAwait(false);
                        if (fresh.MediaUri is not { Length: > 0 } freshUri || !Uri.TryCreate(freshUri, UriKind.Absolute, out var freshAddress))
                        {
                            Fail(input, destination, uri, "HTTP 403 (the pre-signed link expired) and a fresh read of the resource gave no mediaUri"
                                + (fresh.Failure is { } failure ? $": {failure.Code} {failure.Message}" : ""));
                            return;
                        }

                        (uri, bytes) = (freshUri, await GetAsync(http, freshAddress, token).ConfigureAwait(false));
                        if (bytes is null)
                        {
                            Fail(input, destination, uri, "HTTP 403 again on a freshly signed link");
                            return;
                        }
                    }

                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    AtomicFile.WriteAllBytes(destination, bytes);
                    written.Add(new DownloadedPrompt(item.Prompt, destination, bytes.Length));
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or UnauthorizedAccessException
                    || (ex is OperationCanceledException && !token.IsCancellationRequested))
                {
                    if (WriteFailure.IsDiskFull(ex))
                    {
                        // The download worked; the machine's disk did not: say so (IVR5010), not "download failed".
                        context.Failures.Add(input, Diagnostic.Create(DiagnosticCatalog.DiskFull, input.Path, destination, ex.Message.TrimEnd('.')));
                        return;
                    }

                    Fail(input, destination, uri, ex.Message);
                }
            }).ConfigureAwait(false);
        return written.OrderBy(p => p.Path, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The bytes at <paramref name="address"/>; null when refused with 403 (an expired pre-signed link).</summary>
    private static async Task<byte[]?> GetAsync(HttpClient http, Uri address, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(address, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Fail(PromptInput input, string destination, string uri, string reason) =>
        context.Failures.Add(input, Diagnostic.Create(DiagnosticCatalog.GenesysDownloadFailed, input.Path,
            input.PromptName, input.Language, uri, destination, reason));
}
