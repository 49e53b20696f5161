using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;

namespace MediaCompiler.Genesys;

/// <summary>
/// One session with an org: the region or base URL resolved, the credentials present, the HTTP stack, the token
/// source and the Architect API over them. Every entry point (sync, plan, import) opens one the same way, and a
/// missing credential or an unknown region is the same coded problem whichever it is.
/// </summary>
internal sealed class GenesysConnection : IDisposable
{
    private GenesysConnection(GenesysHttp http, GenesysTokens tokens, ArchitectApi api, GenesysEndpoints endpoints)
    {
        Http = http;
        Tokens = tokens;
        Api = api;
        Endpoints = endpoints;
    }

    public GenesysHttp Http { get; }

    public GenesysTokens Tokens { get; }

    public ArchitectApi Api { get; }

    public GenesysEndpoints Endpoints { get; }

    /// <summary>The session, or null with the reason added to <paramref name="diagnostics"/>.</summary>
    public static GenesysConnection? Open(GenesysSyncOptions options, List<Diagnostic> diagnostics)
    {
        var (endpoints, regionProblem) = GenesysRegions.Resolve(options.Region, options.BaseUrl);
        var missing = string.IsNullOrEmpty(options.ClientId) ? "GENESYS_CLIENT_ID" : string.IsNullOrEmpty(options.ClientSecret) ? "GENESYS_CLIENT_SECRET" : null;
        if (regionProblem is not null || missing is not null)
        {
            diagnostics.AddRange(new[] { regionProblem, missing is null ? null : Diagnostic.Create(DiagnosticCatalog.GenesysCredentialsMissing, null, missing) }.OfType<Diagnostic>());
            return null;
        }
        var http = new GenesysHttp(options);
        var tokens = new GenesysTokens(new GenesysTokenEndpoint(http, endpoints!, options, options.BaseUrl ?? options.Region ?? ""), options.TimeProvider);
        return new GenesysConnection(http, tokens, new ArchitectApi(http, tokens, endpoints!), endpoints!);
    }

    public void Dispose()
    {
        Tokens.Dispose();
        Http.Dispose();
    }
}
