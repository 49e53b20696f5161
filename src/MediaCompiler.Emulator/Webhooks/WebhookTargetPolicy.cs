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
    private const string AdminPrefix = "/emulator";

    /// <summary>Null when <paramref name="webhookUrl"/> may be called; else why not.</summary>
    public static string? Refusal(string webhookUrl, WebhookSettings settings, IReadOnlyCollection<Uri> ownAddresses)
    {
        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return "it is not an absolute http or https URL";
        }

        if (target.AbsolutePath.StartsWith(AdminPrefix, StringComparison.OrdinalIgnoreCase))
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
}
