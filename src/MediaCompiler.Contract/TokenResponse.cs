using System.Text.Json.Serialization;

namespace MediaCompiler.Contract;

/// <summary>The answer of <c>POST /oauth/token</c>.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
