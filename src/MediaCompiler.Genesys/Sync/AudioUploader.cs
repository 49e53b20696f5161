using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Uploads one resource's audio. By the resource's <c>uploadUri</c> when it has one (reference §2.1: the route the
/// official tutorial and the Terraform provider upload through, multipart with the bearer token), else, or when that
/// address answers 404 or 410, by the preview route <c>POST …/resources/{lang}/uploads</c> (§2.2: a pre-signed URL PUT
/// with every header it returned, asked once more when that URL was refused as expired). <c>uploadUri</c> is marked
/// deprecated in the SDK models, so an org that stops returning it keeps working. An uploadUri on a host that is not
/// the org's gets no token and no audio (IVR6014 when the preview route cannot take over). A route answering 404 or
/// 501 is missing from the org's API and is not asked again in this sync. Neither way: IVR6031, naming both.
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

        var failure = string.IsNullOrEmpty(uploadUri) ? RouteMissing.Instance : await UploadToUploadUriAsync(work, uploadUri, audio, cancellationToken).ConfigureAwait(false);
        var untrusted = failure as Untrusted;
        if (failure is RouteMissing or Untrusted)
        {
            failure = _uploadsRouteMissingStatus is null
                ? await UploadPresignedAsync(work, audio, cancellationToken).ConfigureAwait(false)
                : RouteMissing.Instance;
        }

        if (failure is RouteMissing)
        {
            // No way left: an uploadUri on a host we would not send the token to, or none at all (not a trust problem).
            failure = new Failed(untrusted?.Diagnostic
                ?? Diagnostic.Create(DiagnosticCatalog.GenesysUploadAddressMissing, desired.File, desired.Name, desired.Language, _uploadsRouteMissingStatus ?? 404));
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

    private async Task<Attempt> UploadToUploadUriAsync(ResourceWork work, string uploadUri, byte[] audio, CancellationToken cancellationToken)
    {
        var desired = work.Desired;
        if (!Uri.TryCreate(uploadUri, UriKind.Absolute, out var target) || !GenesysRegions.IsTrustedUploadHost(endpoints, target))
        {
            // Never send the bearer token to a host that is not the org's own; the preview route needs no token there.
            return new Untrusted(Diagnostic.Create(DiagnosticCatalog.GenesysUploadUriUntrusted, desired.File, desired.Name, desired.Language, uploadUri));
        }

        var sent = await api.UploadAsync(target, audio, Path.GetFileName(desired.AudioPath!), cancellationToken).ConfigureAwait(false);
        if (sent.Failure is { } failure)
        {
            return new Failed(failure);
        }

        // 404 or 410: the deprecated address is gone from this org's API, which the preview route replaces.
        return sent.Value!.IsSuccess ? Done.Instance
            : sent.Value.Status is 404 or 410 ? RouteMissing.Instance
            : new Failed(UploadFailed(desired, sent.Value));
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

    /// <summary>This way of uploading is missing from the org's API (no uploadUri, or a route answering 404): try the other.</summary>
    private sealed record RouteMissing : Attempt
    {
        public static readonly RouteMissing Instance = new();
    }

    private sealed record Failed(Diagnostic Diagnostic) : Attempt;

    /// <summary>The uploadUri names a host that is not the org's: the token is not sent there; the preview route may still do.</summary>
    private sealed record Untrusted(Diagnostic Diagnostic) : Attempt;
}
