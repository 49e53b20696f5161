using MediaCompiler.Audio;
using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Engine.Assets;

/// <summary>The answer of a batch look-up, or why it was refused.</summary>
public sealed record LookupOutcome(AssetLookupResult? Result, EngineRejection? Rejection);

/// <summary>Answers many content hashes at once: which the engine holds with intact bytes, which it does not.</summary>
internal static class AssetLookup
{
    public static LookupOutcome Run(AssetStore assets, IReadOnlyList<string>? contentHashes)
    {
        if (contentHashes is null)
        {
            return Refuse(RejectionReason.Invalid, "contentHashes", DiagnosticCatalog.EngineContentHashMalformed, "(lookup)", "(missing: send {\"contentHashes\": [...]})");
        }

        if (contentHashes.Count > AssetLookupRequest.MaxHashes)
        {
            return Refuse(RejectionReason.TooLarge, "contentHashes", DiagnosticCatalog.EngineLookupTooManyHashes, contentHashes.Count, AssetLookupRequest.MaxHashes);
        }

        var held = new List<MediaAssetDto>();
        var missing = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < contentHashes.Count; i++)
        {
            var canonical = contentHashes[i]?.Trim().ToLowerInvariant();
            if (!ContentHash.IsWellFormed(canonical))
            {
                return Refuse(RejectionReason.Invalid, $"contentHashes[{i}]", DiagnosticCatalog.EngineContentHashMalformed, "(lookup)", contentHashes[i] ?? "null");
            }

            if (!seen.Add(canonical!))
            {
                continue;
            }

            if (assets.FindIntact(canonical!) is { } asset)
            {
                held.Add(asset);
            }
            else
            {
                missing.Add(canonical!);
            }
        }

        return new LookupOutcome(new AssetLookupResult(held, missing), null);
    }

    private static LookupOutcome Refuse(RejectionReason reason, string field, DiagnosticDescriptor descriptor, params object?[] args)
    {
        var diagnostic = Diagnostic.Create(descriptor, null, args);
        return new LookupOutcome(null, new EngineRejection(reason, diagnostic.Code, diagnostic.Message, [new ApiErrorDetail(field, diagnostic.Code, diagnostic.Message)]));
    }
}
