using MediaCompiler.Contract;

namespace MediaCompiler.Engine.Compilation;

/// <summary>
/// Download addresses of compiled results: <c>/api/v2/media/compile/{jobId}/output/{Uri.EscapeDataString(nodeId)}</c>.
/// Parsing accepts the path alone or a full http(s) URL (the emulator's clients see absolute ones).
/// </summary>
internal static class DownloadUris
{
    private static readonly string[] Prefix = ["api", "v2", "media", "compile"];

    public static string For(string jobId, string nodeId) => MediaApiRoutes.OutputPath(jobId, nodeId);

    public static bool TryParse(string? downloadUri, out string jobId, out string nodeId)
    {
        jobId = nodeId = string.Empty;
        if (string.IsNullOrWhiteSpace(downloadUri))
        {
            return false;
        }

        var path = downloadUri.Trim();
        // Only http(s) URLs carry a host to strip; on Unix "/api/..." would otherwise parse as a file:// URI.
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            path = absolute.AbsolutePath;
        }

        int end = path.IndexOfAny(['?', '#']);
        if (end >= 0)
        {
            path = path[..end];
        }

        var segments = path.Trim('/').Split('/');
        if (segments.Length != 7 || segments[5] != "output" || !Prefix.AsSpan().SequenceEqual(segments.AsSpan(0, 4), StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        jobId = segments[4];
        nodeId = Uri.UnescapeDataString(segments[6]);
        return jobId.Length > 0 && nodeId.Length > 0;
    }
}
