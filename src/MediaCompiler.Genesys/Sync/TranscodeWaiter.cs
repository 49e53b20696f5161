using System.Globalization;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Waits until every uploaded resource is <c>transcoded</c>, polling many prompts per list request (several
/// <c>name</c> values) with backoff (1, 2, 4 … capped). <c>transcodeFailed</c> fails that resource at once; a resource
/// still not transcoded when its own deadline passes fails with a timeout. Never a silent success.
/// </summary>
internal sealed class TranscodeWaiter(PromptLister lister, GenesysSyncOptions options)
{
    public async Task<Diagnostic?> WaitAsync(IReadOnlyList<ResourceWork> uploaded, CancellationToken cancellationToken)
    {
        var pending = uploaded.Where(r => r.UploadedAt is not null && r.State == ResourceState.NotDone).ToList();
        var delay = options.FirstPollDelay;
        while (pending.Count > 0)
        {
            var now = options.TimeProvider.GetUtcNow();
            var nextDeadline = pending.Min(r => r.UploadedAt!.Value + options.TranscodeTimeout);
            var wait = delay < nextDeadline - now ? delay : nextDeadline - now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            var listed = await lister.FindByNamesAsync(pending.Select(r => r.Desired.Name).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
            if (listed.Failure is { } failure)
            {
                return failure;
            }

            var byName = listed.Value!.ToDictionary(p => p.Name, StringComparer.Ordinal);
            now = options.TimeProvider.GetUtcNow();
            foreach (var work in pending)
            {
                Observe(work, byName.GetValueOrDefault(work.Desired.Name), now);
            }

            pending.RemoveAll(r => r.State != ResourceState.NotDone);
            if (pending.Count > 0)
            {
                options.Log?.Invoke(new SyncLogMessage(SyncLogLevel.Detailed, string.Create(CultureInfo.InvariantCulture,
                    $"Waiting for Genesys Cloud to transcode {pending.Count} prompt resource(s).")));
            }

            delay = delay * 2 > options.MaxPollDelay ? options.MaxPollDelay : delay * 2;
        }

        return null;
    }

    /// <summary>True when two mediaUris name the same stored object: equal but for the query string and fragment.</summary>
    internal static bool SameMediaObject(string? listed, string replaced)
    {
        if (listed is null)
        {
            return false;
        }

        static string WithoutQuery(string uri)
        {
            var end = uri.IndexOfAny(['?', '#']);
            return end < 0 ? uri : uri[..end];
        }

        return string.Equals(WithoutQuery(listed), WithoutQuery(replaced), StringComparison.Ordinal);
    }

    private void Observe(ResourceWork work, PromptDto? prompt, DateTimeOffset now)
    {
        // A prompt missing from the answer is most likely not yet in the name index: keep waiting.
        var resource = prompt?.Resources?.FirstOrDefault(r => string.Equals(r.Language, work.Desired.Language, StringComparison.OrdinalIgnoreCase));
        work.LastStatus = resource?.UploadStatus ?? (prompt is null ? "not yet listed" : "no resource");
        // Real mediaUris are pre-signed links whose query (date, signature) is new on every read, so only the
        // address without its query says which audio object is served; the same object means the listing still shows
        // the previous audio, unless a non-transcoded status was seen since the upload.
        var stillOldAudio = resource?.UploadStatus == UploadStatus.Transcoded && !work.SeenInProgress
            && work.ReplacedMediaUri is not null && SameMediaObject(resource.MediaUri, work.ReplacedMediaUri);
        if (stillOldAudio)
        {
            work.LastStatus = "transcoded (still the previous audio)";
        }
        else if (resource?.UploadStatus is UploadStatus.Created or UploadStatus.Uploaded)
        {
            work.SeenInProgress = true;
        }

        switch (stillOldAudio ? null : resource?.UploadStatus)
        {
            case UploadStatus.Transcoded:
                work.MediaUri = resource!.MediaUri;
                // The read-back of our tags, free with this poll: without them no later build can skip this audio.
                work.TagsKept = ManagedTags.IsManaged(resource.Tags, options.ManagedMarker)
                    && string.Equals(ManagedTags.HashOf(resource.Tags), work.Desired.HashHex, StringComparison.OrdinalIgnoreCase);
                work.State = work.Planned.Action is SyncAction.CreatePrompt or SyncAction.CreateResource ? ResourceState.Created : ResourceState.Updated;
                return;
            case UploadStatus.TranscodeFailed:
                work.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysTranscodeFailed, work.Desired.File, work.Desired.Name, work.Desired.Language, resource!.UploadStatus));
                return;
        }

        var waited = now - work.UploadedAt!.Value;
        if (waited >= options.TranscodeTimeout)
        {
            work.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysTranscodeTimedOut, work.Desired.File, work.Desired.Name, work.Desired.Language,
                work.LastStatus, waited.TotalSeconds));
        }
    }
}
