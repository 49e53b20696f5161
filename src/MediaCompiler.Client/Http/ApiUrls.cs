using MediaCompiler.Contract;

namespace MediaCompiler.Client;

/// <summary>The media API routes, resolved against the configured base address.</summary>
internal static class ApiUrls
{
    /// <summary>
    /// The base address with a trailing slash and without user info, so relative routes keep any path prefix
    /// (http://proxy/engine/ + api/v2/...) and a password typed into the URL can never reach a log line.
    /// </summary>
    public static Uri Root(Uri baseAddress)
    {
        var builder = new UriBuilder(baseAddress) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty };
        if (!builder.Path.EndsWith('/'))
            builder.Path += "/";
        return builder.Uri;
    }

    public static Uri Asset(Uri root, string assetId) => Relative(root, MediaApiRoutes.AssetPath(assetId));

    public static Uri AssetsByContentHash(Uri root, string contentHash) =>
        Relative(root, MediaApiRoutes.Assets + "?contentHash=" + Uri.EscapeDataString(contentHash));

    public static Uri Assets(Uri root) => Relative(root, MediaApiRoutes.Assets);

    public static Uri AssetBatch(Uri root) => Relative(root, MediaApiRoutes.AssetBatch);

    public static Uri AssetLookup(Uri root) => Relative(root, MediaApiRoutes.AssetLookup);

    public static Uri Outputs(Uri root, string compilationId) => Relative(root, MediaApiRoutes.OutputsPath(compilationId));

    public static Uri Compile(Uri root) => Relative(root, MediaApiRoutes.Compile);

    public static Uri Compilation(Uri root, string compilationId) => Relative(root, MediaApiRoutes.CompilationPath(compilationId));

    /// <summary>
    /// A result's downloadUri as an http(s) URL: relative ones are resolved against the base address (keeping its
    /// path prefix); null for anything else (file:, ftp:...), which the client must never be made to fetch.
    /// </summary>
    public static Uri? Download(Uri root, string downloadUri)
    {
        if (Uri.TryCreate(downloadUri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            return absolute;
        // A leading slash would drop the base's path prefix; on Unix "/x" also parses as an absolute file: URI.
        return Uri.TryCreate(root, downloadUri.TrimStart('/'), out var resolved) && resolved.Scheme is "http" or "https"
            ? resolved
            : null;
    }

    /// <summary>True when <paramref name="url"/> is on the engine's own origin: only there may the access token go.</summary>
    public static bool SameOrigin(Uri root, Uri url) =>
        Uri.Compare(root, url, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>A route resolved under the root: without its leading slash, so the root's path prefix is kept.</summary>
    private static Uri Relative(Uri root, string route) => new(root, route.TrimStart('/'));

    /// <summary>How a URL appears in messages: no user info, no query (a query could carry anything).</summary>
    public static string Display(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
}
