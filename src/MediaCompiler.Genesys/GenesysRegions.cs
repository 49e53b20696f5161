using MediaCompiler.Diagnostics;

namespace MediaCompiler.Genesys;

/// <summary>Where an org's API lives: the JSON API host and the OAuth login host.</summary>
/// <param name="ApiBase">E.g. <c>https://api.mypurecloud.ie/</c> (always with a trailing slash).</param>
/// <param name="LoginBase">E.g. <c>https://login.mypurecloud.ie/</c>; the same as the API base for a loopback emulator.</param>
public sealed record GenesysEndpoints(Uri ApiBase, Uri LoginBase)
{
    public Uri TokenUrl => new(LoginBase, "oauth/token");
}

/// <summary>
/// The Genesys Cloud regions (reference §3, from the .NET SDK's PureCloudRegionHosts and the Terraform provider's
/// region map) and the rule that derives the login host from the API host (<c>api.</c> → <c>login.</c>).
/// </summary>
public static class GenesysRegions
{
    /// <summary>AWS region key → domain. The domain is what users write in IvrGenesysRegion.</summary>
    public static readonly IReadOnlyList<(string AwsRegion, string Domain)> All =
    [
        ("us-east-1", "mypurecloud.com"),
        ("us-east-2", "use2.us-gov-pure.cloud"),
        ("us-west-2", "usw2.pure.cloud"),
        ("ca-central-1", "cac1.pure.cloud"),
        ("sa-east-1", "sae1.pure.cloud"),
        ("mx-central-1", "mxc1.pure.cloud"),
        ("eu-west-1", "mypurecloud.ie"),
        ("eu-west-2", "euw2.pure.cloud"),
        ("eu-central-1", "mypurecloud.de"),
        ("eu-central-2", "euc2.pure.cloud"),
        ("eusc-de-east-1", "edee1.eusc-pure.cloud"),
        ("me-central-1", "mec1.pure.cloud"),
        ("ap-south-1", "aps1.pure.cloud"),
        ("ap-northeast-1", "mypurecloud.jp"),
        ("ap-northeast-2", "apne2.pure.cloud"),
        ("ap-northeast-3", "apne3.pure.cloud"),
        ("ap-southeast-1", "apse1.pure.cloud"),
        ("ap-southeast-2", "mypurecloud.com.au"),
    ];

    /// <summary>
    /// The endpoints for a base URL (wins when given) or a region domain (or its AWS region key). Null with a
    /// diagnostic when neither is usable.
    /// </summary>
    public static (GenesysEndpoints? Endpoints, Diagnostic? Problem) Resolve(string? region, string? baseUrl)
    {
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            return FromBaseUrl(baseUrl.Trim());
        }

        var wanted = (region ?? "").Trim().TrimEnd('.').ToLowerInvariant();
        if (wanted.StartsWith("api.", StringComparison.Ordinal))
        {
            wanted = wanted[4..];
        }

        foreach (var (awsRegion, domain) in All)
        {
            if (wanted == domain || wanted == awsRegion)
            {
                return (new GenesysEndpoints(new Uri($"https://api.{domain}/"), new Uri($"https://login.{domain}/")), null);
            }
        }

        return (null, Diagnostic.Create(DiagnosticCatalog.GenesysUnknownRegion, null, region ?? "", string.Join(", ", All.Select(r => r.Domain))));
    }

    /// <summary>True for the host an upload address may have: the org's <c>apps.</c> host, or the API host itself.</summary>
    public static bool IsTrustedUploadHost(GenesysEndpoints endpoints, Uri uploadUri)
    {
        var api = endpoints.ApiBase;
        if (uploadUri.Scheme != api.Scheme && !(uploadUri.Scheme == Uri.UriSchemeHttps && IsLoopback(api)))
        {
            return false;
        }

        var apps = api.Host.StartsWith("api.", StringComparison.OrdinalIgnoreCase) ? "apps." + api.Host[4..] : null;
        return string.Equals(uploadUri.Authority, api.Authority, StringComparison.OrdinalIgnoreCase)
            || (apps is not null && string.Equals(uploadUri.Host, apps, StringComparison.OrdinalIgnoreCase));
    }

    private static (GenesysEndpoints?, Diagnostic?) FromBaseUrl(string baseUrl)
    {
        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var api))
        {
            return (null, Diagnostic.Create(DiagnosticCatalog.GenesysBaseUrlInvalid, null, baseUrl, "it is not an absolute URL"));
        }

        if (api.Scheme != Uri.UriSchemeHttps && !(api.Scheme == Uri.UriSchemeHttp && IsLoopback(api)))
        {
            // Plain http would send the client secret and tokens in the clear.
            return (null, Diagnostic.Create(DiagnosticCatalog.GenesysBaseUrlInvalid, null, baseUrl, "only https is allowed for a non-loopback host"));
        }

        if (!string.IsNullOrEmpty(api.Query) || !string.IsNullOrEmpty(api.Fragment))
        {
            return (null, Diagnostic.Create(DiagnosticCatalog.GenesysBaseUrlInvalid, null, baseUrl, "it has a query or fragment"));
        }

        // The .NET SDK's rule (ApiClient.GetConfUri): the login address is the base path with api. replaced by login.,
        // path and all: behind a gateway that serves the org under a path prefix, the token endpoint is under it too.
        var login = api.Host.StartsWith("api.", StringComparison.OrdinalIgnoreCase)
            ? new UriBuilder(api) { Host = "login." + api.Host[4..] }.Uri
            : api;
        return (new GenesysEndpoints(api, login), null);
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback;
}
