using System.Net;
using MediaCompiler.Emulator.Configuration;

namespace MediaCompiler.Emulator.Webhooks;

/// <summary>
/// Which webhook URLs the emulator will ever POST to, checked at submit (a refusal names the reason, IVR3403) and
/// again at send: an absolute http(s) URL; never the emulator itself (its own port on a loopback or its own host name:
/// a webhook to <c>/emulator/reset</c> would wipe every client's state past the admin routes' loopback check); never an
/// <c>/emulator/</c> admin path on any host; and, with <see cref="WebhookSettings.LoopbackOnly"/>, only loopback hosts.
/// </summary>
internal static class WebhookTargetPolicy
{
    private const string AdminSegment = "emulator";

    /// <summary>Null when <paramref name="webhookUrl"/> may be called; else why not.</summary>
    public static string? Refusal(string webhookUrl, WebhookSettings settings, IReadOnlyCollection<Uri> ownAddresses)
    {
        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return "it is not an absolute http or https URL";
        }

        if (NamesAdminRoutes(target))
        {
            return "it names the engine's admin routes (/emulator/...)";
        }

        var isLoopback = target.IsLoopback || (IPAddress.TryParse(target.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
        foreach (var own in ownAddresses)
        {
            var sameHost = isLoopback || string.Equals(target.DnsSafeHost, own.DnsSafeHost, StringComparison.OrdinalIgnoreCase);
            if (sameHost && target.Port == own.Port)
            {
                return $"it points at the engine itself (port {own.Port})";
            }
        }

        return settings.LoopbackOnly && !isLoopback
            ? "only loopback receivers are allowed (Webhooks:LoopbackOnly is true)"
            : null;
    }

    /// <summary>
    /// Whether the path reaches /emulator/... as a server would route it: percent-escapes undone (repeatedly, for
    /// double escapes), back slashes read as slashes, empty and "." segments dropped, ".." applied. A string prefix
    /// test would let <c>//emulator/reset</c> or <c>/%2Femulator/reset</c> through.
    /// </summary>
    private static bool NamesAdminRoutes(Uri target)
    {
        var path = target.AbsolutePath;
        for (var i = 0; i < 4; i++)
        {
            var unescaped = Uri.UnescapeDataString(path);
            if (unescaped == path)
            {
                break;
            }
            path = unescaped;
        }

        var segments = new List<string>();
        foreach (var segment in path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment.Trim());
            }
        }
        return segments.Count > 0 && string.Equals(segments[0], AdminSegment, StringComparison.OrdinalIgnoreCase);
    }
}
