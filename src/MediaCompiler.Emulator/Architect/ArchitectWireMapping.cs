using Microsoft.AspNetCore.Http;

namespace MediaCompiler.Emulator.Architect;

/// <summary>Stored prompts → the wire shapes, with the addresses (uploadUri, mediaUri) of the answering host.</summary>
internal static class ArchitectWireMapping
{
    public static ArchitectPrompt ToWire(StoredPrompt prompt, HttpRequest request, bool includeResources, bool includeMediaUris, IReadOnlyCollection<string>? languages) =>
        new(prompt.Id, prompt.Name, prompt.Description,
            includeResources
                ? prompt.Resources.Values
                    .Where(r => languages is null || languages.Count == 0 || languages.Contains(r.Language, StringComparer.OrdinalIgnoreCase))
                    .OrderBy(r => r.Language, StringComparer.Ordinal)
                    .Select(r => ToWire(prompt, r, request, includeMediaUris))
                    .ToList()
                : [],
            $"/api/v2/architect/prompts/{prompt.Id}");

    public static ArchitectPromptAsset ToWire(StoredPrompt prompt, StoredResource resource, HttpRequest request, bool includeMediaUris = true)
    {
        var host = $"{request.Scheme}://{request.Host}";
        var mediaUri = includeMediaUris && resource.Status == "transcoded"
            ? $"{host}/emulator-media/architect/{prompt.Id}/{resource.Language}/{resource.Version}.wav"
            : null;
        return new ArchitectPromptAsset(
            resource.Language, prompt.Id, resource.Language, resource.Name, mediaUri, resource.TtsString, resource.Text,
            resource.Status, UploadUri(host, prompt.Id, resource.Language), LanguageDefault: true,
            resource.Tags.ToDictionary(t => t.Key, t => t.Value.ToList(), StringComparer.Ordinal),
            resource.Status == "transcoded" ? resource.DurationSeconds : null,
            $"/api/v2/architect/prompts/{prompt.Id}/resources/{resource.Language}");
    }

    /// <summary>The observed shape (reference §2.1): <c>/uploads/v2/ivr?additionalInfo=&lt;base64url JSON&gt;</c>.</summary>
    private static string UploadUri(string host, string promptId, string language)
    {
        var info = System.Text.Json.JsonSerializer.Serialize(new { organizationId = "emulator-org", promptId, language, category = "user" });
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(info)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{host}/uploads/v2/ivr?additionalInfo={encoded}";
    }
}
