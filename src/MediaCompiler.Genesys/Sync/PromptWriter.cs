using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Carries out the decisions for one prompt: creates it when missing (409 → find it by name, retrying while the
/// name index lags), creates or updates each resource with our tags, and uploads its audio. Transcoding is awaited
/// later, for all prompts together.
/// </summary>
/// <param name="division">Where new prompts are created (IvrGenesysDivision resolved); null: the org's default, Home.</param>
internal sealed class PromptWriter(ArchitectApi api, PromptLister lister, GenesysEndpoints endpoints, GenesysSyncOptions options, DivisionDto? division = null)
{
    private readonly AudioUploader _uploader = new(api, endpoints, options.TimeProvider);

    public async Task WriteAsync(IReadOnlyList<ResourceWork> resources, CancellationToken cancellationToken)
    {
        if (resources.Any(r => r.Planned.Action == SyncAction.CreatePrompt))
        {
            // Taken before the create is sent: the read-after-write window never starts later than the platform's.
            var createdAt = options.TimeProvider.GetUtcNow();
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
                // Found after a 409, the prompt is new too: created meanwhile by another job, or by our own create whose
                // answer was lost and retried. Its first writes can meet the same read-after-write 404s.
                work.PromptCreatedAt = createdAt;
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
        var created = await api.CreatePromptAsync(desired.Name, desired.Description, division, cancellationToken).ConfigureAwait(false);
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

        if (created.Value.Status == 403)
        {
            return ApiOutcome<(PromptDto, bool)>.Fail(ArchitectApi.DivisionForbidden(created.Value, division, "architect:userPrompt:add", desired.File));
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
            // In every division the client sees: names are unique across the org, so the holder may be elsewhere.
            var found = await lister.FindByNamesAsync([desired.Name], cancellationToken, anyDivision: true).ConfigureAwait(false);
            if (found.Failure is { } findFailure)
            {
                return ApiOutcome<(PromptDto, bool)>.Fail(findFailure);
            }

            if (found.Value!.Count > 0)
            {
                var holder = found.Value[0];
                return division is not null && holder.Division?.Id is { } holderDivision && !string.Equals(holderDivision, division.Id, StringComparison.OrdinalIgnoreCase)
                    ? ApiOutcome<(PromptDto, bool)>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysPromptInOtherDivision, desired.File,
                        desired.Name, ArchitectApi.Describe(division), ArchitectApi.Describe(holder.Division)))
                    : ApiOutcome<(PromptDto, bool)>.Ok((holder, false));
            }

            var elapsed = options.TimeProvider.GetUtcNow() - started;
            if (elapsed + delay > options.ConflictRequeryTimeout)
            {
                // Scoped to a division, a name no query returns most likely sits in a division the client cannot see.
                return ApiOutcome<(PromptDto, bool)>.Fail(division is null
                    ? Diagnostic.Create(DiagnosticCatalog.GenesysPromptConflictUnresolved, desired.File, desired.Name, attempt, elapsed.TotalSeconds)
                    : Diagnostic.Create(DiagnosticCatalog.GenesysPromptInOtherDivision, desired.File, desired.Name, ArchitectApi.Describe(division),
                        $"a division the OAuth client's role does not let it see ({attempt} name queries over {elapsed.TotalSeconds:0} s did not return it)"));
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
                // A new resource has no text to clear: empty values are left out, as the Terraform provider sends them.
                var created = await CreateResourceAsync(work, body with
                {
                    Language = desired.Language.ToLowerInvariant(),
                    Text = body.Text is "" ? null : body.Text,
                    TtsString = body.TtsString is "" ? null : body.TtsString,
                }, cancellationToken).ConfigureAwait(false);
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

        await _uploader.UploadAsync(work, uploadUri, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>POST …/resources</c>. Right after <c>POST /prompts</c> the platform may not yet know the new prompt (the
    /// same read-after-write lag as its reads): a 404 for a prompt this sync created (or found after its create answered
    /// 409: a create whose answer was lost, or another job's) is retried with backoff until
    /// <see cref="GenesysSyncOptions.ReadAfterWriteWindow"/> after the create has passed. A 404 for a prompt that
    /// existed before the sync means it was deleted meanwhile, and is final.
    /// </summary>
    private async Task<ApiOutcome<PromptAssetDto>> CreateResourceAsync(ResourceWork work, PromptAssetWriteDto body, CancellationToken cancellationToken)
    {
        var delay = options.FirstPollDelay;
        while (true)
        {
            var sent = await api.CreateResourceAsync(work.PromptId!, body, cancellationToken).ConfigureAwait(false);
            var lagging = sent.Value is { Status: 404 } && work.PromptCreatedAt is { } createdAt
                && options.TimeProvider.GetUtcNow() + delay - createdAt <= options.ReadAfterWriteWindow;
            if (!lagging)
            {
                return sent.Failure is { } failure ? ApiOutcome<PromptAssetDto>.Fail(failure)
                    : sent.Value!.IsSuccess ? sent.Value.Read<PromptAssetDto>()
                    : ApiOutcome<PromptAssetDto>.Fail(sent.Value.Unexpected(work.Desired.File));
            }

            options.Log?.Invoke(new SyncLogMessage(SyncLogLevel.Detailed,
                $"{sent.Value!.Operation}: 404 right after the prompt was created (read-after-write lag); retrying."));
            await Task.Delay(delay, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 > options.MaxPollDelay ? options.MaxPollDelay : delay * 2;
        }
    }
}
