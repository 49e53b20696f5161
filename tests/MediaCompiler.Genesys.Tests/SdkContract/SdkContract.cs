using System.Text.Json;

namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>One route as the official SDK defines it (its method, path template, query names, body and answer models).</summary>
internal sealed record SdkRoute(
    string Operation,
    string Method,
    string Path,
    IReadOnlyList<string> Query,
    IReadOnlyList<string> RequiredQuery,
    string? Body,
    string? Response,
    bool Preview)
{
    public string Key => $"{Method} {Path}";
}

/// <summary>A request exactly as the SDK puts it on the wire (its ApiClient and axios run with a capturing HttpClient).</summary>
internal sealed record SdkRequest(string Operation, string Call, string Method, string Url);

/// <summary>One field of an SDK model: its TypeScript type as index.d.ts spells it (models without the Models. prefix).</summary>
internal sealed record SdkField(string Type, bool Required);

/// <summary>
/// The Architect prompt contract extracted from the official Genesys Cloud SDK by build/extract-genesys-sdk-contract.sh
/// (tests/fixtures/genesys-sdk/architect-prompts-contract.json): the independent oracle the emulator and the client are
/// checked against. Nothing in it comes from our own code.
/// </summary>
internal sealed class SdkContract
{
    private SdkContract(string sdkName, string sdkVersion, IReadOnlyList<SdkRoute> routes, IReadOnlyDictionary<string, IReadOnlyDictionary<string, SdkField>> models, IReadOnlyList<string> notInSdk, IReadOnlyList<SdkRequest> requests)
    {
        Requests = requests;
        SdkName = sdkName;
        SdkVersion = sdkVersion;
        Routes = routes;
        Models = models;
        NotInSdk = notInSdk;
    }

    public string SdkName { get; }

    public string SdkVersion { get; }

    /// <summary>"purecloud-platform-client-v2 262.0.0": what every failure message names as its source.</summary>
    public string Source => $"{SdkName} {SdkVersion}";

    public IReadOnlyList<SdkRoute> Routes { get; }

    /// <summary>The SDK's own wire form of calls with array parameters (e.g. <c>name=a,b</c>).</summary>
    public IReadOnlyList<SdkRequest> Requests { get; }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, SdkField>> Models { get; }

    /// <summary>Calls a sync makes that no SDK defines (token, uploadUri upload, mediaUri download), as the fixture lists them.</summary>
    public IReadOnlyList<string> NotInSdk { get; }

    public static SdkContract Load() => Parse(File.ReadAllText(FixturePath()));

    public static SdkContract Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var sdk = root.GetProperty("sdk");
        var routes = root.GetProperty("routes").EnumerateArray().Select(r => new SdkRoute(
            r.GetProperty("operation").GetString()!,
            r.GetProperty("method").GetString()!,
            r.GetProperty("path").GetString()!,
            Strings(r.GetProperty("query")),
            Strings(r.GetProperty("requiredQuery")),
            r.GetProperty("body").GetString(),
            r.GetProperty("response").GetString(),
            r.GetProperty("preview").GetBoolean())).ToList();
        var models = root.GetProperty("models").EnumerateObject().ToDictionary(
            m => m.Name,
            m => (IReadOnlyDictionary<string, SdkField>)m.Value.EnumerateObject().ToDictionary(
                f => f.Name, f => new SdkField(f.Value.GetProperty("type").GetString()!, f.Value.GetProperty("required").GetBoolean()), StringComparer.Ordinal),
            StringComparer.Ordinal);
        var notInSdk = root.GetProperty("notInSdk").EnumerateArray().Select(n => n.GetProperty("route").GetString()!).ToList();
        var requests = root.GetProperty("sdkRequests").EnumerateArray().Select(r => new SdkRequest(
            r.GetProperty("operation").GetString()!, r.GetProperty("call").GetString()!, r.GetProperty("method").GetString()!, r.GetProperty("url").GetString()!)).ToList();
        return new SdkContract(sdk.GetProperty("name").GetString()!, sdk.GetProperty("version").GetString()!, routes, models, notInSdk, requests);
    }

    /// <summary>
    /// The SDK route with this method whose path template has the same segments; a <c>{parameter}</c> matches a
    /// <c>{parameter}</c> of any name (its name is not on the wire). Null when the SDK has no such route.
    /// </summary>
    public SdkRoute? Find(string method, string pathTemplate) =>
        Routes.FirstOrDefault(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && SameTemplate(r.Path, pathTemplate));

    /// <summary>The SDK route a concrete request path (e.g. <c>/api/v2/architect/prompts/7f…/resources/en-us</c>) is an instance of.</summary>
    public SdkRoute? FindForRequest(string method, string requestPath)
    {
        var segments = Segments(requestPath);
        return Routes
            .Where(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase))
            .Select(r => (Route: r, Template: Segments(r.Path)))
            .Where(r => r.Template.Length == segments.Length
                && r.Template.Zip(segments).All(pair => IsParameter(pair.First) || string.Equals(pair.First, pair.Second, StringComparison.Ordinal)))

            // A literal segment beats a parameter (…/dependencytracking/types beats …/{id} had the SDK both).
            .OrderByDescending(r => r.Template.Count(s => !IsParameter(s)))
            .Select(r => r.Route)
            .FirstOrDefault();
    }

    public static bool SameTemplate(string left, string right)
    {
        var a = Segments(left);
        var b = Segments(right);
        return a.Length == b.Length && a.Zip(b).All(pair => IsParameter(pair.First) ? IsParameter(pair.Second) : string.Equals(pair.First, pair.Second, StringComparison.Ordinal));
    }

    private static string[] Segments(string path) => path.Trim('/').Split('/');

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static string FixturePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "genesys-sdk", "architect-prompts-contract.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/fixtures/genesys-sdk/architect-prompts-contract.json not found above the test binaries; run build/extract-genesys-sdk-contract.sh");
    }

    /// <summary>The repository root (the folder holding tests/fixtures), for reading the emulator's sources.</summary>
    public static string RepositoryRoot() => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(FixturePath())!, "..", "..", ".."));
}
