using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaCompiler.Emulator.Architect;

// The emulator's own copy of the Platform API shapes (deliberately not shared with the client library, so a
// serialization mistake on one side is not mirrored on the other).

internal sealed record ArchitectPrompt(string Id, string Name, string? Description, List<ArchitectPromptAsset>? Resources, string SelfUri)
{
    /// <summary>The division the prompt belongs to (Home unless created elsewhere).</summary>
    public ArchitectDivision? Division { get; init; }
}

internal sealed record ArchitectPromptAsset(
    string Id,
    string PromptId,
    string Language,
    string? Name,
    string? MediaUri,
    string? TtsString,
    string? Text,
    string UploadStatus,
    string? UploadUri,
    bool LanguageDefault,
    Dictionary<string, List<string>> Tags,
    double? DurationSeconds,
    string SelfUri)
{
    /// <summary>The transcoded audio's format (AudioFormat in the SDK models), on transcoded resources only.</summary>
    public ArchitectAudioFormat? AudioFormat { get; init; }
}

/// <summary>AudioFormat: channels, bitsPerSample, sampleRate, encoding.</summary>
internal sealed record ArchitectAudioFormat(int? Channels, int? BitsPerSample, int? SampleRate, string? Encoding);

internal sealed record ArchitectListing<T>(List<T> Entities, int PageSize, int PageNumber, long Total, int PageCount, string SelfUri)
{
    public string? FirstUri { get; init; }

    public string? PreviousUri { get; init; }

    public string? NextUri { get; init; }

    public string? LastUri { get; init; }
}

/// <summary>Listings as the platform pages them: the entity listing with first/previous/next/last page addresses.</summary>
internal static class ArchitectPaging
{
    /// <summary>Page <paramref name="pageNumber"/> of <paramref name="all"/> (every matching entity, in order), addresses built from <paramref name="request"/>'s query with <paramref name="pageSize"/>.</summary>
    public static ArchitectListing<T> Page<T>(IReadOnlyList<T> all, int pageNumber, int pageSize, Microsoft.AspNetCore.Http.HttpRequest request)
    {
        var pageCount = (int)Math.Ceiling(all.Count / (double)pageSize);
        string At(int page)
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value);
            query["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
            query["pageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(request.Path.Value ?? "/", query);
        }

        return new ArchitectListing<T>(all.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList(), pageSize, pageNumber, all.Count, pageCount,
            request.Path + request.QueryString)
        {
            FirstUri = At(1),
            PreviousUri = pageNumber > 1 ? At(pageNumber - 1) : null,
            NextUri = pageNumber < pageCount ? At(pageNumber + 1) : null,
            LastUri = At(Math.Max(1, pageCount)),
        };
    }
}

/// <summary>PromptAssetUpload: the pre-signed URL of the preview uploads route and the headers its PUT must carry.</summary>
internal sealed record ArchitectPromptAssetUpload(string Url, Dictionary<string, string> Headers);

internal sealed record ArchitectPromptWrite(string? Name, string? Description)
{
    /// <summary>The division to create the prompt in (only its id is read, as the platform does); null: Home.</summary>
    public ArchitectDivision? Division { get; init; }
}

/// <summary>Division (a DomainEntityRef in the SDK models): id, name, selfUri.</summary>
internal sealed record ArchitectDivision(string? Id, string? Name, string? SelfUri);

internal sealed record ArchitectAssetWrite(string? Language, string? Name, string? TtsString, string? Text, Dictionary<string, List<string>>? Tags);

internal sealed record ArchitectDependency(string Id, string Name, string Type, string Version, bool Deleted, bool Updated, bool StateUnknown, string SelfUri);

/// <summary>Operation, the answer of the asynchronous batch delete.</summary>
internal sealed record ArchitectOperation(string Id, bool Complete, string ActionName, string ActionStatus, string? ErrorMessage);

/// <summary>DependencyStatus, the answer of <c>GET /api/v2/architect/dependencytracking/build</c>.</summary>
internal sealed record ArchitectDependencyStatus(string Id, string Name, string Status, DateTimeOffset DateStarted, DateTimeOffset? DateCompleted, string SelfUri);

/// <summary>The ErrorBody of every Platform API error (reference §1.9).</summary>
internal sealed record ArchitectErrorBody(
    string Message,
    string Code,
    int Status,
    string ContextId,
    string? EntityId,
    string? EntityName,
    List<object> Details,
    List<object> Errors);

internal static class ArchitectWireJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
