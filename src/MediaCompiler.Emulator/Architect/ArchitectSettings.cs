using System.Text.RegularExpressions;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// How the emulated Architect prompt API behaves, changeable at run time through <c>PUT /emulator/architect/settings</c>
/// (missing fields keep their defaults). The defaults imitate the awkward parts of the real service at a pace a
/// human can watch; tests shorten them.
/// </summary>
public sealed class ArchitectSettings
{
    /// <summary>New prompts are missing from name-filtered queries for this long (the real search index lags).</summary>
    public int IndexLagMilliseconds { get; set; } = 2000;

    /// <summary>GET of a prompt or its resources answers 404 for this long after the create (read-after-write).</summary>
    public int ReadAfterWriteNotFoundMilliseconds { get; set; } = 1000;

    /// <summary>
    /// <c>POST …/resources</c> answers 404 for this long after the prompt's create (the write side of the same
    /// read-after-write lag).
    /// </summary>
    public int ResourceCreateNotFoundMilliseconds { get; set; }

    /// <summary>The next this many GETs of the Architect API answer 409 (a documented, transient conflict) with Retry-After: 1.</summary>
    public int ConflictOnNextReads { get; set; }

    /// <summary>The next this many GETs answer 206 with an empty page: a partial answer a client must not take as the whole.</summary>
    public int PartialContentOnNextReads { get; set; }

    /// <summary>How long an upload stays <c>uploaded</c> before it becomes <c>transcoded</c> (or <c>transcodeFailed</c>).</summary>
    public int TranscodeDelayMilliseconds { get; set; } = 1500;

    /// <summary>
    /// After an upload, name-filtered listings keep showing the resource's previous uploadStatus and mediaUri for
    /// this long (the real listing is served from a lagging index; a direct GET is current).
    /// </summary>
    public int StatusListingLagMilliseconds { get; set; } = 3000;

    /// <summary>
    /// mediaUris are pre-signed links like the real S3 ones: a new query string (date, signature) on every read,
    /// answering 403 once <see cref="MediaUriExpirySeconds"/> have passed. False: one stable address per version.
    /// </summary>
    public bool PresignedMediaUris { get; set; } = true;

    /// <summary>How long a pre-signed mediaUri stays valid (the platform's X-Amz-Expires is 3600).</summary>
    public int MediaUriExpirySeconds { get; set; } = 3600;

    /// <summary>The org keeps no resource <c>tags</c>: writes accept them and store nothing (a policy or integration that strips them).</summary>
    public bool DropTags { get; set; }

    /// <summary>Resources carry no <c>uploadUri</c> (the field is deprecated; an org may stop returning it).</summary>
    public bool OmitUploadUri { get; set; }

    /// <summary>
    /// The preview route <c>POST …/resources/{languageCode}/uploads</c> answers a pre-signed URL; false: it answers
    /// 404, as on an API version that removed it.
    /// </summary>
    public bool UploadsRouteAvailable { get; set; } = true;

    /// <summary>How long a pre-signed upload URL of the uploads route stays valid (403 after).</summary>
    public int UploadUrlExpirySeconds { get; set; } = 900;

    /// <summary>Requests per token and minute on the JSON API (the platform's <c>client.credentials.token.rate.per.minute</c>); 0 = unlimited.</summary>
    public int RequestsPerMinutePerToken { get; set; } = 300;

    /// <summary>The length of the budget's fixed window (the platform's is a minute; tests shorten it).</summary>
    public int RateLimitWindowSeconds { get; set; } = 60;

    /// <summary>Results past this index cannot be paged to (the real cap is 10,000).</summary>
    public int PagingCap { get; set; } = 10_000;

    /// <summary>The largest pageSize accepted.</summary>
    public int MaxPageSize { get; set; } = 500;

    /// <summary>Prompts whose name matches this regex end in <c>transcodeFailed</c> whatever their audio.</summary>
    public string? TranscodeFailsFor { get; set; }

    /// <summary>Prompts whose name matches this regex stay <c>uploaded</c> for ever (a stuck transcode).</summary>
    public string? TranscodeNeverFinishesFor { get; set; }

    /// <summary>Prompt name → names of published flows that use it (dependency tracking; deletes of those prompts answer 409).</summary>
    public Dictionary<string, List<string>> ConsumingFlows { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Consumer name → its dependency type (default <c>INBOUNDCALLFLOW</c>), e.g. <c>INQUEUECALLFLOW</c> or <c>SCRIPT</c>.</summary>
    public Dictionary<string, string> ConsumerTypes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Consumers listed with <c>stateUnknown: true</c> (dependency tracking could not tell their state).</summary>
    public List<string> StateUnknownConsumers { get; set; } = [];

    /// <summary>
    /// Divisions besides Home (<see cref="HomeDivisionId"/>), by name → id. A prompt created without a division lands in
    /// Home, as on the platform; one created with an unknown division id is refused (400).
    /// </summary>
    public Dictionary<string, string> Divisions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The Home division's id (every org has one; prompts land there by default).</summary>
    public const string HomeDivisionId = "2b0b9e53-7b4c-4bd6-9b1d-000000000001";

    /// <summary>The division of <paramref name="id"/>, Home included; null when the org has none of that id.</summary>
    public (string Id, string Name)? Division(string id) =>
        id == HomeDivisionId ? (id, "Home")
        : Divisions.FirstOrDefault(d => string.Equals(d.Value, id, StringComparison.Ordinal)) is { Key: not null } named ? (named.Value, named.Key) : null;

    /// <summary>
    /// OAuth client id → the ids of the divisions its role grants (Home is <see cref="HomeDivisionId"/>). A listed client
    /// sees only prompts of those divisions (listings leave the others out, as the platform does) and is refused 403
    /// when it creates a prompt in any other; a client not listed is granted every division.
    /// </summary>
    public Dictionary<string, List<string>> DivisionGrants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="clientId"/> may see and write prompts of <paramref name="divisionId"/>.</summary>
    public bool Grants(string? clientId, string divisionId) =>
        clientId is null || !DivisionGrants.TryGetValue(clientId, out var granted) || granted.Contains(divisionId, StringComparer.Ordinal);

    /// <summary>
    /// OAuth client id → the permissions its role grants (<c>architect:userPrompt:view</c>, <c>…:add</c>, <c>…:edit</c>,
    /// <c>…:delete</c>, <c>architect:dependencyTracking:view</c>: what each route needs, per the SDKs' ArchitectApi
    /// docs). A listed client is refused 403 <c>missing.permissions</c> on a route whose permission is not in its list;
    /// a client not listed is granted all of them.
    /// </summary>
    public Dictionary<string, List<string>> PermissionGrants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="clientId"/>'s role grants <paramref name="permission"/>.</summary>
    public bool HasPermission(string? clientId, string permission) =>
        clientId is null || !PermissionGrants.TryGetValue(clientId, out var granted) || granted.Contains(permission, StringComparer.Ordinal);

    /// <summary>The largest page of consuming resources answered, whatever pageSize asks (forces paging).</summary>
    public int MaxDependencyPageSize { get; set; } = 25;

    /// <summary>
    /// The org's dependency-tracking build status (<c>DependencyStatus.status</c>): <c>OPERATIONAL</c>,
    /// <c>OPERATIONALNEWBUILDNOTREADY</c>, <c>BUILDINPROGRESS</c>, <c>BUILDINITIALIZING</c> or <c>NOTBUILT</c>.
    /// </summary>
    public string DependencyTrackingBuildStatus { get; set; } = "OPERATIONAL";

    /// <summary>The problems of these settings; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (IndexLagMilliseconds < 0 || StatusListingLagMilliseconds < 0 || MediaUriExpirySeconds < 0 || UploadUrlExpirySeconds < 0 || ReadAfterWriteNotFoundMilliseconds < 0 || ResourceCreateNotFoundMilliseconds < 0 || ConflictOnNextReads < 0 || PartialContentOnNextReads < 0 || TranscodeDelayMilliseconds < 0 || RequestsPerMinutePerToken < 0)
        {
            problems.Add("Delays and the request budget must be 0 or more.");
        }

        if (PagingCap < 1 || MaxPageSize < 1 || RateLimitWindowSeconds < 1 || MaxDependencyPageSize < 1)
        {
            problems.Add("PagingCap, MaxPageSize, MaxDependencyPageSize and RateLimitWindowSeconds must be positive.");
        }

        foreach (var (name, pattern) in new[] { (nameof(TranscodeFailsFor), TranscodeFailsFor), (nameof(TranscodeNeverFinishesFor), TranscodeNeverFinishesFor) })
        {
            if (pattern is not null && !IsRegex(pattern))
            {
                problems.Add($"{name} '{pattern}' is not a valid regular expression.");
            }
        }

        return problems;
    }

    internal static bool Matches(string? pattern, string name) =>
        pattern is not null && Regex.IsMatch(name, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
