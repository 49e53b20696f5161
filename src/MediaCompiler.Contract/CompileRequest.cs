namespace MediaCompiler.Contract;

/// <summary>The body of <c>POST /api/v2/media/compile</c>: the matrix of assets to flow nodes and how to encode them.</summary>
public sealed record CompileRequest
{
    public string? FlowId { get; init; }
    public IReadOnlyList<CompileMediaEntry>? Media { get; init; }
    /// <summary>ulaw, alaw, pcmu or pcma.</summary>
    public string? Encoding { get; init; }
    public string? WebhookUrl { get; init; }
    /// <summary>Chosen by the client so that webhooks and audit lines can be matched to the build that sent them.</summary>
    public string? CorrelationId { get; init; }
    public CompileOptions? Options { get; init; }
}

/// <summary>One row of the matrix: which asset plays at which flow node.</summary>
public sealed record CompileMediaEntry
{
    public string? AssetId { get; init; }
    public string? NodeId { get; init; }
    public string? Format { get; init; }
    public int? SampleRate { get; init; }
    public int Priority { get; init; } = 1;
    public string? FallbackEncoding { get; init; }
}

/// <summary>Engine behaviour during compilation.</summary>
public sealed record CompileOptions
{
    public bool EnableOptimization { get; init; } = true;
    public bool StripMetadata { get; init; } = true;
    public bool NormalizeVolume { get; init; } = true;
    /// <summary>Must be 1: telephony is mono.</summary>
    public int MaxChannels { get; init; } = 1;

    /// <summary>
    /// The ITU-T P.56 active speech level (dBov) normalizeVolume brings prompts to. Optional: null (or absent) leaves
    /// the engine's own default (-26 dBov). Accepted from -60 to 0.
    /// </summary>
    public double? TargetSpeechLevelDbov { get; init; }
}
