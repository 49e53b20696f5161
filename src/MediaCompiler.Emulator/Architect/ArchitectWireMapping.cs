using Microsoft.AspNetCore.Http;

namespace MediaCompiler.Emulator.Architect;

/// <summary>Stored prompts → the wire shapes, with the addresses (uploadUri, mediaUri) of the answering host.</summary>
internal static class ArchitectWireMapping
{
    public static ArchitectPrompt ToWire(StoredPrompt prompt, HttpRequest request, ArchitectStore store, bool includeResources, bool includeMediaUris,
        IReadOnlyCollection<string>? languages, bool listing = false) =>
        new(prompt.Id, prompt.Name, prompt.Description,
            includeResources
                ? prompt.Resources.Values
                    .Where(r => languages is null || languages.Count == 0 || languages.Contains(r.Language, StringComparer.OrdinalIgnoreCase))
                    .OrderBy(r => r.Language, StringComparer.Ordinal)
                    .Select(r => ToWire(prompt, r, request, store, includeMediaUris, listing))
                    .ToList()
                : [],
            $"/api/v2/architect/prompts/{prompt.Id}")
        {
            Division = store.Settings.Division(prompt.DivisionId) is { } division
                ? new ArchitectDivision(division.Id, division.Name, $"/api/v2/authorization/divisions/{division.Id}")
                : null,
        };

    public static ArchitectPromptAsset ToWire(StoredPrompt prompt, StoredResource resource, HttpRequest request, ArchitectStore store,
        bool includeMediaUris = true, bool listing = false)
    {
        var host = $"{request.Scheme}://{request.Host}";
        var settings = store.Settings;

        // A listing answered from the lagging index still shows what the resource was before its latest upload.
        var lagging = listing && resource.PreviousStatus is not null && resource.UploadedAt is { } uploadedAt
            && store.Now < uploadedAt.AddMilliseconds(settings.StatusListingLagMilliseconds);
        var status = lagging ? resource.PreviousStatus! : resource.Status;
        var version = lagging ? resource.PreviousVersion : resource.Version;
        var mediaUri = includeMediaUris && status == "transcoded"
            ? $"{host}/emulator-media/architect/{prompt.Id}/{resource.Language}/{version}.wav" + Presigned(store)
            : null;
        return new ArchitectPromptAsset(
            resource.Language, prompt.Id, resource.Language, resource.Name, mediaUri, resource.TtsString, resource.Text,
            status, settings.OmitUploadUri ? null : UploadUri(host, prompt.Id, resource.Language), LanguageDefault: true,
            resource.Tags.ToDictionary(t => t.Key, t => t.Value.ToList(), StringComparer.Ordinal),
            resource.Status == "transcoded" ? resource.DurationSeconds : null,
            $"/api/v2/architect/prompts/{prompt.Id}/resources/{resource.Language}")
        {
            AudioFormat = status == "transcoded" ? resource.AudioFormat : null,
        };
    }

    /// <summary>
    /// A query like a SigV4 pre-signed S3 link: the signing time, the lifetime and a signature that differs on every
    /// read (so no two reads of the same audio give the same string).
    /// </summary>
    private static string Presigned(ArchitectStore store)
    {
        var settings = store.Settings;
        if (!settings.PresignedMediaUris)
        {
            return "";
        }

        var signature = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        return $"?X-Amz-Date={store.Now.ToUnixTimeMilliseconds()}&X-Amz-Expires={settings.MediaUriExpirySeconds}&X-Amz-Signature={signature}";
    }

    /// <summary>True when a pre-signed mediaUri's lifetime has passed (the real S3 answers 403 then).</summary>
    public static bool Expired(ArchitectStore store, IQueryCollection query)
    {
        if (!long.TryParse(query["X-Amz-Date"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var signedAt)
            || !int.TryParse(query["X-Amz-Expires"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expires))
        {
            return store.Settings.PresignedMediaUris;
        }

        return store.Now > DateTimeOffset.FromUnixTimeMilliseconds(signedAt).AddSeconds(expires);
    }

    /// <summary>The observed shape (reference §2.1): <c>/uploads/v2/ivr?additionalInfo=&lt;base64url JSON&gt;</c>.</summary>
    private static string UploadUri(string host, string promptId, string language)
    {
        var info = System.Text.Json.JsonSerializer.Serialize(new { organizationId = "emulator-org", promptId, language, category = "user" });
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(info)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{host}/uploads/v2/ivr?additionalInfo={encoded}";
    }
}
