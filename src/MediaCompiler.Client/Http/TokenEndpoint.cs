using MediaCompiler.Contract;

namespace MediaCompiler.Client;

/// <summary>Where the OAuth token of a media API lives, derived from the API's base address.</summary>
public static class TokenEndpoint
{
    /// <summary>
    /// Genesys Cloud serves the API on <c>api.&lt;region&gt;</c> and OAuth on <c>login.&lt;region&gt;</c>
    /// (https://api.mypurecloud.com → https://login.mypurecloud.com/oauth/token). Any other host (the emulator,
    /// a proxy) serves both: http://127.0.0.1:5080 → http://127.0.0.1:5080/oauth/token.
    /// </summary>
    public static Uri For(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri)
            throw new ArgumentException("The base address must be absolute.", nameof(baseAddress));

        if (baseAddress.HostNameType == UriHostNameType.Dns
            && baseAddress.Host.StartsWith("api.", StringComparison.OrdinalIgnoreCase))
        {
            var login = new UriBuilder(baseAddress.Scheme, "login." + baseAddress.Host["api.".Length..], baseAddress.Port, MediaApiRoutes.Token);
            if (baseAddress.IsDefaultPort)
                login.Port = -1;
            return login.Uri;
        }

        return new Uri(ApiUrls.Root(baseAddress), MediaApiRoutes.Token.TrimStart('/'));
    }
}
