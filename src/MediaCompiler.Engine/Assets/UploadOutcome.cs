using MediaCompiler.Contract;

namespace MediaCompiler.Engine;

/// <summary>What became of an upload.</summary>
public enum UploadDisposition
{
    /// <summary>New content: stored as a new asset.</summary>
    Added,

    /// <summary>The engine already held this content; the existing asset is returned.</summary>
    AlreadyHeld,

    /// <summary>The engine held this content, but its stored bytes no longer matched the hash: replaced by the upload (IVR3406).</summary>
    Repaired,

    /// <summary>Refused; see <see cref="UploadOutcome.Rejection"/>.</summary>
    Rejected,
}

/// <summary>The result of an upload: the asset (added or already held), or the rejection.</summary>
public sealed record UploadOutcome(UploadDisposition Disposition, MediaAssetDto? Asset, EngineRejection? Rejection)
{
    public bool Created => Disposition == UploadDisposition.Added;

    internal static UploadOutcome Stored(MediaAssetDto asset, UploadDisposition disposition) => new(disposition, asset, null);

    internal static UploadOutcome Refused(EngineRejection rejection) => new(UploadDisposition.Rejected, null, rejection);
}
