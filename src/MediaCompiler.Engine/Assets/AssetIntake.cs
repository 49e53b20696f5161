using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Engine.Assets;

/// <summary>
/// Checks an upload with the same rules as the build (size, declared hash, audio rules) and stores it by content hash.
/// </summary>
internal sealed class AssetIntake(AssetStore assets, TimeProvider time)
{
    public UploadOutcome Upload(string fileName, byte[] content, string? declaredContentHash)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = string.IsNullOrWhiteSpace(fileName) ? string.Empty : Path.GetFileName(fileName.Trim());
        if (name.Length == 0)
        {
            return Refuse(RejectionReason.Invalid, DiagnosticCatalog.EngineFileNameMissing, null, "file");
        }

        if (content.LongLength > MediaEngine.MaxUploadBytes)
        {
            return Refuse(RejectionReason.TooLarge, DiagnosticCatalog.PromptTooLarge, name, "file", name, content.LongLength, MediaEngine.MaxUploadBytes,
                MediaRules.TooLargeFix(name, null));
        }

        var hash = ContentHash.Of(content);
        if (declaredContentHash is not null)
        {
            if (!ContentHash.IsWellFormed(declaredContentHash.Trim().ToLowerInvariant()))
            {
                return Refuse(RejectionReason.Invalid, DiagnosticCatalog.EngineContentHashMalformed, name, "contentHash", name, declaredContentHash);
            }

            if (!string.Equals(declaredContentHash.Trim(), hash, StringComparison.OrdinalIgnoreCase))
            {
                return Refuse(RejectionReason.Invalid, DiagnosticCatalog.EngineContentHashMismatch, name, "contentHash", name, declaredContentHash, hash);
            }
        }

        var validation = PromptValidator.Validate(new MemoryStream(content, writable: false), name);
        if (!validation.IsValid)
        {
            var first = validation.Diagnostics.First(d => d.IsError);
            var details = validation.Diagnostics.Select(d => new ApiErrorDetail("file", d.Code, d.Message)).ToArray();
            return UploadOutcome.Refused(new EngineRejection(RejectionReason.Invalid, first.Code, first.Message, details));
        }

        var id = AssetIds.FromContentHash(hash);
        var candidate = new MediaAssetDto(
            id,
            name,
            Path.GetExtension(name).TrimStart('.').ToLowerInvariant(),
            content.LongLength,
            validation.Probe.SampleRate,
            validation.Probe.Channels,
            hash,
            MediaApiRoutes.AssetPath(id),
            time.GetUtcNow());
        var (asset, disposition) = assets.Add(candidate, content);
        return UploadOutcome.Stored(asset, disposition);
    }

    private static UploadOutcome Refuse(RejectionReason reason, DiagnosticDescriptor descriptor, string? file, string field, params object?[] args)
    {
        var diagnostic = Diagnostic.Create(descriptor, file, args);
        var detail = new ApiErrorDetail(field, diagnostic.Code, diagnostic.Message);
        return UploadOutcome.Refused(new EngineRejection(reason, diagnostic.Code, diagnostic.Message, [detail]));
    }
}
