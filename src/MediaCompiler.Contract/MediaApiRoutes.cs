namespace MediaCompiler.Contract;

/// <summary>
/// The routes of the media API, the one place they are spelled. The emulator maps them, the HTTP client resolves
/// them against its base address, the engine builds self and download addresses from them.
/// </summary>
public static class MediaApiRoutes
{
    /// <summary>POST: upload (multipart); GET with <c>?contentHash=</c>: search.</summary>
    public const string Assets = "/api/v2/media/assets";

    /// <summary>POST (2.1): many content hashes in one request, answering which the engine holds.</summary>
    public const string AssetLookup = Assets + "/lookup";

    /// <summary>POST (2.3): many uploads in one multipart request, one answer per file.</summary>
    public const string AssetBatch = Assets + "/batch";

    /// <summary>GET: one asset.</summary>
    public const string Asset = Assets + "/{id}";

    /// <summary>POST: submit a compile job.</summary>
    public const string Compile = "/api/v2/media/compile";

    /// <summary>GET: a compile job's status.</summary>
    public const string Compilation = Compile + "/{id}";

    /// <summary>GET: the compiled WAV of one result.</summary>
    public const string CompilationOutput = Compilation + "/output/{nodeId}";

    /// <summary>POST (2.1): many compiled WAVs of one job in one ZIP archive.</summary>
    public const string CompilationOutputs = Compilation + "/outputs";

    /// <summary>POST (form-encoded client credentials): an access token.</summary>
    public const string Token = "/oauth/token";

    /// <summary>The address of one asset.</summary>
    public static string AssetPath(string assetId) => $"{Assets}/{Uri.EscapeDataString(assetId)}";

    /// <summary>The address of one compile job.</summary>
    public static string CompilationPath(string compilationId) => $"{Compile}/{Uri.EscapeDataString(compilationId)}";

    /// <summary>The archive address of one compile job's outputs.</summary>
    public static string OutputsPath(string compilationId) => $"{CompilationPath(compilationId)}/outputs";

    /// <summary>The download address of one result: the node id is escaped, so "menu/main prompt" stays one segment.</summary>
    public static string OutputPath(string compilationId, string nodeId) =>
        $"{CompilationPath(compilationId)}/output/{Uri.EscapeDataString(nodeId)}";
}
