using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Uploads one resource's audio. First the preview route <c>POST …/resources/{lang}/uploads</c> (reference §2.2): a
/// pre-signed URL PUT with every header it returned, asked once more when that URL was refused (expired). When the
/// route answers 404 or 501 the org's API version lacks it: the resource's deprecated <c>uploadUri</c> is used
/// instead (§2.1), and the route is not asked again in this sync. Neither: IVR6031, naming both.
/// </summary>
internal sealed class AudioUploader(ArchitectApi api, GenesysEndpoints endpoints, TimeProvider time)
{
    // Set once per sync (one uploader per sync): a route the org lacks costs one request, not one per resource.
    private int? _uploadsRouteMissingStatus;

    public async Task UploadAsync(ResourceWork work, string? uploadUri, CancellationToken cancellationToken)
    {
        var desired = work.Desired;
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

        var failure = _uploadsRouteMissingStatus is null
            ? await UploadPresignedAsync(work, audio, cancellationToken).ConfigureAwait(false)
            : RouteMissing.Instance;
        if (failure is RouteMissing)
        {
            failure = await UploadToUploadUriAsync(work, uploadUri, audio, cancellationToken).ConfigureAwait(false);
        }

        if (failure is Failed { Diagnostic: var diagnostic })
        {
            work.Fail(diagnostic);
            return;
        }

        work.UploadedAt = time.GetUtcNow();
    }

    private async Task<Attempt> UploadPresignedAsync(ResourceWork work, byte[] audio, CancellationToken cancellationToken)
    {
        var desired = work.Desired;
        var language = work.Planned.ExistingResource?.Language ?? desired.Language.ToLowerInvariant();
        ApiResponse? refused = null;
        // A second URL only when the first was refused with 403: pre-signed URLs expire.
        for (var round = 0; round < 2; round++)
        {
            var asked = await api.RequestUploadAsync(work.PromptId!, language, cancellationToken).ConfigureAwait(false);
            if (asked.Failure is { } failure)
            {
                return new Failed(failure);
            }

            var answer = asked.Value!;
            if (answer.Status is 404 or 501)
            {
                _uploadsRouteMissingStatus = answer.Status;
                return RouteMissing.Instance;
            }

            if (!answer.IsSuccess)
            {
                return new Failed(answer.Unexpected(desired.File));
            }

            var upload = answer.Read<PromptAssetUploadDto>();
            if (upload.Failure is { } readFailure)
            {
                return new Failed(readFailure);
            }

            if (!Uri.TryCreate(upload.Value!.Url, UriKind.Absolute, out var target)
                || !(target.Scheme == Uri.UriSchemeHttps || target.Scheme == endpoints.ApiBase.Scheme))
            {
                return new Failed(Diagnostic.Create(DiagnosticCatalog.GenesysPresignedUploadUrlUnusable, desired.File, desired.Name, desired.Language, upload.Value.Url ?? "(none)"));
            }

            var sent = await api.PutPresignedAsync(target, upload.Value.Headers ?? [], audio, cancellationToken).ConfigureAwait(false);
            if (sent.Failure is { } putFailure)
            {
                return new Failed(putFailure);
            }

            if (sent.Value!.IsSuccess)
            {
                return Done.Instance;
            }

            refused = sent.Value;
            if (refused.Status != 403)
            {
                break;
            }
        }

        return new Failed(UploadFailed(desired, refused!));
    }

    private async Task<Attempt> UploadToUploadUriAsync(ResourceWork work, string? uploadUri, byte[] audio, CancellationToken cancellationToken)
    {
        var desired = work.Desired;
        if (string.IsNullOrEmpty(uploadUri))
        {
            // Not a trust problem: the org gave no address at all.
            return new Failed(Diagnostic.Create(DiagnosticCatalog.GenesysUploadAddressMissing, desired.File, desired.Name, desired.Language, _uploadsRouteMissingStatus ?? 404));
        }

        if (!Uri.TryCreate(uploadUri, UriKind.Absolute, out var target) || !GenesysRegions.IsTrustedUploadHost(endpoints, target))
        {
            // Never send the bearer token to a host that is not the org's own.
            return new Failed(Diagnostic.Create(DiagnosticCatalog.GenesysUploadUriUntrusted, desired.File, desired.Name, desired.Language, uploadUri));
        }

        var sent = await api.UploadAsync(target, audio, Path.GetFileName(desired.AudioPath!), cancellationToken).ConfigureAwait(false);
        if (sent.Failure is { } failure)
        {
            return new Failed(failure);
        }

        return sent.Value!.IsSuccess ? Done.Instance : new Failed(UploadFailed(desired, sent.Value));
    }

    private static Diagnostic UploadFailed(DesiredPrompt desired, ApiResponse answer)
    {
        // Statuses that were worth retrying were retried already; this one is final after one attempt.
        var reason = answer.Error?.Message ?? (answer.Body.Length > 200 ? answer.Body[..200] : answer.Body);
        return Diagnostic.Create(DiagnosticCatalog.GenesysUploadFailed, desired.File, desired.Name, desired.Language,
            answer.Status, 1, reason.Length == 0 ? "no body" : reason);
    }

    /// <summary>How one way of uploading ended.</summary>
    private abstract record Attempt;

    private sealed record Done : Attempt
    {
        public static readonly Done Instance = new();
    }

    /// <summary>The uploads route is missing from this org's API: fall back to uploadUri.</summary>
    private sealed record RouteMissing : Attempt
    {
        public static readonly RouteMissing Instance = new();
    }

    private sealed record Failed(Diagnostic Diagnostic) : Attempt;
}
