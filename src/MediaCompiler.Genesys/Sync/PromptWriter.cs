using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Carries out the decisions for one prompt: creates it when missing (409 → find it by name, retrying while the
/// name index lags), creates or updates each resource with our tags, and uploads its audio. Transcoding is awaited
/// later, for all prompts together.
/// </summary>
internal sealed class PromptWriter(ArchitectApi api, PromptLister lister, GenesysEndpoints endpoints, GenesysSyncOptions options)
{
    public async Task WriteAsync(IReadOnlyList<ResourceWork> resources, CancellationToken cancellationToken)
    {
        if (resources.Any(r => r.Planned.Action == SyncAction.CreatePrompt))
        {
            var prompt = await EnsurePromptAsync(resources[0].Desired, cancellationToken).ConfigureAwait(false);
            if (prompt.Failure is { } failure)
            {
                resources.ToList().ForEach(r => r.Fail(failure));
                return;
            }

            var (found, createdNow) = prompt.Value;
            foreach (var work in resources)
            {
                // A prompt another job created meanwhile (409) may already hold some languages: decide again
                // against what it holds. One we just created has none; its plan stands.
                work.Planned = createdNow ? work.Planned with { Existing = found } : SyncPlanner.Decide(work.Desired, found, options.ManagedMarker);
                work.PromptId = found.Id;
                work.PromptPreExisted = !createdNow;
                work.State = work.Planned.Action == SyncAction.Unchanged ? ResourceState.Unchanged : ResourceState.NotDone;
                work.MediaUri = work.Planned.ExistingResource?.MediaUri;
            }
        }

        foreach (var work in resources.Where(r => r.State == ResourceState.NotDone))
        {
            await WriteResourceAsync(work, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ApiOutcome<(PromptDto Prompt, bool CreatedNow)>> EnsurePromptAsync(DesiredPrompt desired, CancellationToken cancellationToken)
    {
        var created = await api.CreatePromptAsync(desired.Name, desired.Description, cancellationToken).ConfigureAwait(false);
        if (created.Failure is { } failure)
        {
            return ApiOutcome<(PromptDto, bool)>.Fail(failure);
        }

        if (created.Value!.IsSuccess)
        {
            var prompt = created.Value.Read<PromptDto>();
            return prompt.Failure is { } readFailure
                ? ApiOutcome<(PromptDto, bool)>.Fail(readFailure)
                : ApiOutcome<(PromptDto, bool)>.Ok((prompt.Value! with { Resources = [] }, true));
        }

        if (created.Value.Status != 409)
        {
            return ApiOutcome<(PromptDto, bool)>.Fail(created.Value.Unexpected(desired.File));
        }

        // 409: the name is taken, yet the listing did not show it (created meanwhile, or not yet indexed). Find it.
        var started = options.TimeProvider.GetUtcNow();
        var delay = options.FirstPollDelay;
        for (var attempt = 1; ; attempt++)
        {
            var found = await lister.FindByNamesAsync([desired.Name], cancellationToken).ConfigureAwait(false);
            if (found.Failure is { } findFailure)
            {
                return ApiOutcome<(PromptDto, bool)>.Fail(findFailure);
            }

            if (found.Value!.Count > 0)
            {
                return ApiOutcome<(PromptDto, bool)>.Ok((found.Value[0], false));
            }

            var elapsed = options.TimeProvider.GetUtcNow() - started;
            if (elapsed + delay > options.ConflictRequeryTimeout)
            {
                return ApiOutcome<(PromptDto, bool)>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysPromptConflictUnresolved, desired.File,
                    desired.Name, attempt, elapsed.TotalSeconds));
            }

            await Task.Delay(delay, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 > options.MaxPollDelay ? options.MaxPollDelay : delay * 2;
        }
    }

    private async Task WriteResourceAsync(ResourceWork work, CancellationToken cancellationToken)
    {
        var desired = work.Desired;
        var promptId = work.PromptId!;
        var body = new PromptAssetWriteDto
        {
            Text = desired.Text ?? "",
            TtsString = desired.TtsText ?? "",
            Tags = ManagedTags.Write(work.Planned.ExistingResource?.Tags, desired.HashHex, options.ManagedMarker),
        };

        string? uploadUri = work.Planned.ExistingResource?.UploadUri;
        switch (work.Planned.Action)
        {
            case SyncAction.CreatePrompt or SyncAction.CreateResource:
                var created = await api.CreateResourceAsync(promptId, body with { Language = desired.Language.ToLowerInvariant() }, cancellationToken).ConfigureAwait(false);
                if (created.Failure is { } createFailure)
                {
                    work.Fail(createFailure);
                    return;
                }

                uploadUri = created.Value!.UploadUri;
                break;
            case SyncAction.UpdateResource or SyncAction.TextOnlyUpdate:
                var updated = await api.UpdateResourceAsync(promptId, work.Planned.ExistingResource?.Language ?? desired.Language.ToLowerInvariant(), body, cancellationToken).ConfigureAwait(false);
                if (updated.Failure is { } updateFailure)
                {
                    work.Fail(updateFailure);
                    return;
                }

                // The PUT answers with a fresh uploadUri (reference §1.8).
                uploadUri = updated.Value!.UploadUri;
                break;
        }

        if (work.Planned.Action == SyncAction.TextOnlyUpdate || desired.AudioPath is null)
        {
            work.State = work.Planned.Action is SyncAction.CreatePrompt or SyncAction.CreateResource ? ResourceState.Created : ResourceState.TextUpdated;
            return;
        }

        await UploadAsync(work, uploadUri, cancellationToken).ConfigureAwait(false);
    }

    private async Task UploadAsync(ResourceWork work, string? uploadUri, CancellationToken cancellationToken)
    {
        var desired = work.Desired;
        if (string.IsNullOrEmpty(uploadUri))
        {
            // Not a trust problem: the org gave no address at all (uploadUri is deprecated in the SDK models).
            work.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysUploadAddressMissing, desired.File, desired.Name, desired.Language));
            return;
        }

        if (!Uri.TryCreate(uploadUri, UriKind.Absolute, out var target) || !GenesysRegions.IsTrustedUploadHost(endpoints, target))
        {
            // Never send the bearer token to a host that is not the org's own.
            work.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysUploadUriUntrusted, desired.File, desired.Name, desired.Language, uploadUri ?? "(none)"));
            return;
        }

        byte[] audio;
        try
        {
            audio = await File.ReadAllBytesAsync(desired.AudioPath!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            work.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysAudioUnreadable, desired.File, desired.Name, desired.Language, ex.Message));
            return;
        }

        var sent = await api.UploadAsync(target, audio, Path.GetFileName(desired.AudioPath!), cancellationToken).ConfigureAwait(false);
        if (sent.Failure is { } failure)
        {
            work.Fail(failure);
            return;
        }

        if (!sent.Value!.IsSuccess)
        {
            // Statuses that were worth retrying were retried already; this one is final after one attempt.
            var answer = sent.Value;
            var reason = answer.Error?.Message ?? (answer.Body.Length > 200 ? answer.Body[..200] : answer.Body);
            work.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysUploadFailed, desired.File, desired.Name, desired.Language,
                answer.Status, 1, reason.Length == 0 ? "no body" : reason));
            return;
        }

        work.UploadedAt = options.TimeProvider.GetUtcNow();
    }
}
