using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaCompiler.Emulator.Architect;

// The emulator's own copy of the Platform API shapes (deliberately not shared with the client library, so a
// serialization mistake on one side is not mirrored on the other).

internal sealed record ArchitectPrompt(string Id, string Name, string? Description, List<ArchitectPromptAsset>? Resources, string SelfUri);

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
    string SelfUri);

internal sealed record ArchitectListing<T>(List<T> Entities, int PageSize, int PageNumber, long Total, int PageCount, string SelfUri);

/// <summary>PromptAssetUpload: the pre-signed URL of the preview uploads route and the headers its PUT must carry.</summary>
internal sealed record ArchitectPromptAssetUpload(string Url, Dictionary<string, string> Headers);

internal sealed record ArchitectPromptWrite(string? Name, string? Description);

internal sealed record ArchitectAssetWrite(string? Language, string? Name, string? TtsString, string? Text, Dictionary<string, List<string>>? Tags);

internal sealed record ArchitectDependency(string Id, string Name, string Type, string Version, bool Deleted, bool Updated, string SelfUri);

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
