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
internal sealed class TranscodedPromptDownload(RunContext context)
{
    /// <param name="download">Gets the audio behind a mediaUri (GenesysMediaUris.DownloadAsync: bounded, retried).</param>
    /// <param name="refresh">
    /// Reads a resource's current mediaUri (name, language): used once per file when its link answers 403, since
    /// pre-signed mediaUris expire an hour after they were signed and a long sync can outlast that.
    /// </param>
    public async Task<IReadOnlyList<DownloadedPrompt>> RunAsync(IReadOnlyList<ReadyPrompt> ready, string directory,
        Func<Uri, CancellationToken, Task<MediaDownload>> download, Func<string, string, CancellationToken, Task<MediaUriRead>> refresh,
        CancellationToken cancellationToken)
    {
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
                    var got = await download(address, token).ConfigureAwait(false);
                    if (got.Expired)
                    {
                        var fresh = await refresh(input.PromptName ?? input.NodeId, input.Language ?? "", token).ConfigureAwait(false);
                        if (fresh.MediaUri is not { Length: > 0 } freshUri || !Uri.TryCreate(freshUri, UriKind.Absolute, out var freshAddress))
                        {
                            Fail(input, destination, uri, "HTTP 403 (the pre-signed link expired) and a fresh read of the resource gave no mediaUri"
                                + (fresh.Failure is { } failure ? $": {failure.Code} {failure.Message}" : ""));
                            return;
                        }

                        (uri, got) = (freshUri, await download(freshAddress, token).ConfigureAwait(false));
                        if (got.Expired)
                        {
                            Fail(input, destination, uri, "HTTP 403 again on a freshly signed link");
                            return;
                        }
                    }
                    if (got.Bytes is not { } bytes)
                    {
                        Fail(input, destination, uri, got.Failure!);
                        return;
                    }

                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    AtomicFile.WriteAllBytes(destination, bytes);
                    written.Add(new DownloadedPrompt(item.Prompt, destination, bytes.Length));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
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

    /// <summary>IVR6055, naming the link without its query: the signature in it is a credential for an hour.</summary>
    private void Fail(PromptInput input, string destination, string uri, string reason) =>
        context.Failures.Add(input, Diagnostic.Create(DiagnosticCatalog.GenesysDownloadFailed, input.Path,
            input.PromptName, input.Language, WithoutQuery(uri), destination, reason));

    private static string WithoutQuery(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var address) && address.Query.Length > 0 ? address.GetLeftPart(UriPartial.Path) + "?…" : uri;
}
