using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaCompiler.Genesys.Wire;

// The Genesys Cloud Platform API v2 shapes this library reads and writes (reference §1.2-§1.9, the .NET SDK models).
// Only the fields a prompt sync needs; unknown fields are ignored on read.

/// <summary>A user prompt: a name and one resource per language.</summary>
public sealed record PromptDto
{
    public string? Id { get; init; }

    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public List<PromptAssetDto>? Resources { get; init; }

    public string? SelfUri { get; init; }

    /// <summary>The prompt's division (Home unless it was created in another).</summary>
    public DivisionDto? Division { get; init; }
}

/// <summary>A division reference (Division in the SDK models).</summary>
public sealed record DivisionDto
{
    public string? Id { get; init; }

    public string? Name { get; init; }
}

/// <summary>One language of a prompt ("resource"); its id equals the language code.</summary>
public sealed record PromptAssetDto
{
    public string? Id { get; init; }

    public string? PromptId { get; init; }

    public string Language { get; init; } = "";

    public string? Name { get; init; }

    public string? MediaUri { get; init; }

    public string? TtsString { get; init; }

    public string? Text { get; init; }

    /// <summary><c>created</c>, <c>uploaded</c>, <c>transcoded</c> or <c>transcodeFailed</c>.</summary>
    public string? UploadStatus { get; init; }

    public string? UploadUri { get; init; }

    public bool? LanguageDefault { get; init; }

    public Dictionary<string, List<string>>? Tags { get; init; }

    public double? DurationSeconds { get; init; }
}

/// <summary>
/// The body of POST /prompts and PUT /prompts/{id}: name, description and, on create, the division to create it in
/// (only its id is read; null: the org's default, Home).
/// </summary>
public sealed record PromptCreateDto(string Name, string? Description, DivisionDto? Division = null);

/// <summary>One division of the org (AuthzDivision in the SDK models).</summary>
public sealed record AuthzDivisionDto
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public bool? HomeDivision { get; init; }
}

/// <summary>A page of GET /api/v2/authorization/divisions.</summary>
public sealed record AuthzDivisionEntityListingDto
{
    public List<AuthzDivisionDto>? Entities { get; init; }

    public int PageCount { get; init; }
}

/// <summary>The body of POST .../resources (language required) and PUT .../resources/{language} (language ignored).</summary>
public sealed record PromptAssetWriteDto
{
    public string? Language { get; init; }

    public string? Name { get; init; }

    public string? TtsString { get; init; }

    public string? Text { get; init; }

    public Dictionary<string, List<string>>? Tags { get; init; }
}

/// <summary>
/// PromptAssetUpload, the answer of the preview uploads route: a pre-signed URL to PUT the file to, and the headers
/// that PUT must carry.
/// </summary>
public sealed record PromptAssetUploadDto
{
    public string? Url { get; init; }

    public Dictionary<string, string>? Headers { get; init; }
}

/// <summary>A page of prompts (PromptEntityListing).</summary>
public sealed record PromptListingDto
{
    public List<PromptDto>? Entities { get; init; }

    public int PageSize { get; init; }

    public int PageNumber { get; init; }

    public long Total { get; init; }

    public int PageCount { get; init; }
}

/// <summary>One object that uses a prompt (dependency tracking's Dependency).</summary>
public sealed record DependencyDto
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Type { get; init; }

    public bool? Deleted { get; init; }

    /// <summary>Dependency tracking could not tell this consumer's state: it may or may not use the prompt now.</summary>
    public bool? StateUnknown { get; init; }
}

/// <summary>A page of consuming resources (ConsumingResourcesEntityListing).</summary>
public sealed record DependencyListingDto
{
    public List<DependencyDto>? Entities { get; init; }

    public int PageNumber { get; init; }

    public int PageCount { get; init; }

    public string? NextUri { get; init; }
}

/// <summary>DependencyStatus: the org's dependency-tracking build (<c>OPERATIONAL</c> when its data is current).</summary>
public sealed record DependencyStatusDto
{
    public string? Status { get; init; }

    public string? DateCompleted { get; init; }
}

/// <summary>The Platform API error body (ErrorBody, reference §1.9).</summary>
public sealed record ErrorBodyDto
{
    public string? Message { get; init; }

    public string? Code { get; init; }

    public int Status { get; init; }

    public string? ContextId { get; init; }

    public string? EntityId { get; init; }

    public string? EntityName { get; init; }
}

/// <summary>The token endpoint's answer; <c>error</c> carries e.g. <c>invalid_request</c> when throttled.</summary>
public sealed record TokenResponseDto
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in")]
    public long ExpiresIn { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; init; }
}

/// <summary>Serializer settings of the Platform API: camelCase, nulls left out of requests.</summary>
public static class ArchitectJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
