using System.Text.RegularExpressions;
using MediaCompiler.Emulator.RequestCounting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// <c>/api/v2/architect/prompts/{id}/resources</c>: one resource per language (409 on a second), <c>tags</c> kept
/// as written, a fresh uploadUri on every create and update.
/// </summary>
internal static partial class ArchitectResourceEndpoints
{
    private const string Resources = ArchitectPromptEndpoints.Root + "/{promptId}/resources";

    public static void MapArchitectResourceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Resources, List).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.ViewPrompts);
        app.MapPost(Resources, CreateAsync).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.EditPrompts);
        app.MapGet(Resources + "/{languageCode}", Get).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.ViewPrompts);
        app.MapPut(Resources + "/{languageCode}", UpdateAsync).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.EditPrompts);
        app.MapDelete(Resources + "/{languageCode}", Delete).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.EditPrompts);
        app.MapDelete(Resources + "/{languageCode}/audio", DeleteAudio).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.EditPrompts);
    }

    /// <summary>
    /// Architect language codes are lower-case tags: a language, optionally a script, optionally a region of two letters
    /// or three digits (en-us, es-419, ha-latn, az-cyrl-az), the shapes of the Terraform provider's list of them.
    /// </summary>
    [GeneratedRegex("^[a-z]{2,3}(-[a-z]{4})?(-[a-z]{2}|-[0-9]{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageCode();

    private static IResult List(HttpContext http, ArchitectStore store, string promptId)
    {
        lock (store.Lock)
        {
            if (!store.Prompts.TryGetValue(promptId, out var prompt) || store.InReadAfterWriteWindow(prompt))
            {
                return ArchitectErrors.NotFound(http, $"Prompt '{promptId}'");
            }

            store.Advance(prompt);
            var all = prompt.Resources.Values.OrderBy(r => r.Language, StringComparer.Ordinal)
                .Select(r => ArchitectWireMapping.ToWire(prompt, r, http.Request, store)).ToList();
            return Results.Json(new ArchitectListing<ArchitectPromptAsset>(all, Math.Max(all.Count, 25), 1, all.Count, 1, http.Request.Path), ArchitectWireJson.Options);
        }
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ArchitectStore store, string promptId)
    {
        var body = await ArchitectPromptEndpoints.ReadAsync<ArchitectAssetWrite>(http);
        if (body?.Language is not { } language || !LanguageCode().IsMatch(language))
        {
            return ArchitectErrors.BadRequest(http, $"A PromptAssetCreate needs a known lower-case Architect language code; got '{body?.Language}'.");
        }

        lock (store.Lock)
        {
            if (!store.Prompts.TryGetValue(promptId, out var prompt)
                || store.Now < prompt.CreatedAt.AddMilliseconds(store.Settings.ResourceCreateNotFoundMilliseconds))
            {
                return ArchitectErrors.NotFound(http, $"Prompt '{promptId}'");
            }

            if (prompt.Resources.ContainsKey(language))
            {
                return ArchitectErrors.Result(http, 409, "duplicate.value", $"Prompt '{prompt.Name}' already has a '{language}' resource.", language);
            }

            var resource = new StoredResource(language);
            Apply(resource, body, store.Settings.DropTags);
            prompt.Resources[language] = resource;
            return Results.Json(ArchitectWireMapping.ToWire(prompt, resource, http.Request, store), ArchitectWireJson.Options);
        }
    }

    private static IResult Get(HttpContext http, ArchitectStore store, string promptId, string languageCode)
    {
        lock (store.Lock)
        {
            if (!store.Prompts.TryGetValue(promptId, out var prompt) || store.InReadAfterWriteWindow(prompt)
                || !prompt.Resources.TryGetValue(languageCode, out var resource))
            {
                return ArchitectErrors.NotFound(http, $"Resource '{languageCode}' of prompt '{promptId}'");
            }

            store.Advance(prompt);
            return Results.Json(ArchitectWireMapping.ToWire(prompt, resource, http.Request, store), ArchitectWireJson.Options);
        }
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, ArchitectStore store, string promptId, string languageCode)
    {
        var body = await ArchitectPromptEndpoints.ReadAsync<ArchitectAssetWrite>(http);
        if (body is null)
        {
            return ArchitectErrors.BadRequest(http, "The body must be a PromptAsset JSON object.");
        }

        lock (store.Lock)
        {
            if (!store.Prompts.TryGetValue(promptId, out var prompt) || !prompt.Resources.TryGetValue(languageCode, out var resource))
            {
                return ArchitectErrors.NotFound(http, $"Resource '{languageCode}' of prompt '{promptId}'");
            }

            store.Advance(prompt);
            Apply(resource, body, store.Settings.DropTags);
            return Results.Json(ArchitectWireMapping.ToWire(prompt, resource, http.Request, store), ArchitectWireJson.Options);
        }
    }

    private static IResult Delete(HttpContext http, ArchitectStore store, string promptId, string languageCode)
    {
        lock (store.Lock)
        {
            if (!store.Prompts.TryGetValue(promptId, out var prompt) || !prompt.Resources.Remove(languageCode))
            {
                return ArchitectErrors.NotFound(http, $"Resource '{languageCode}' of prompt '{promptId}'");
            }

            return Results.NoContent();
        }
    }

    /// <summary><c>DELETE …/resources/{lang}/audio</c>: the audio only (e.g. moving to TTS); the resource goes back to <c>created</c>.</summary>
    private static IResult DeleteAudio(HttpContext http, ArchitectStore store, string promptId, string languageCode)
    {
        lock (store.Lock)
        {
            if (!store.Prompts.TryGetValue(promptId, out var prompt) || !prompt.Resources.TryGetValue(languageCode, out var resource))
            {
                return ArchitectErrors.NotFound(http, $"Resource '{languageCode}' of prompt '{promptId}'");
            }

            resource.Audio = null;
            resource.DurationSeconds = null;
            resource.AudioFormat = null;
            resource.Status = "created";
            resource.PreviousStatus = null;
            resource.Version++;
            return Results.NoContent();
        }
    }

    /// <summary>The writable fields; a PUT replaces them as a whole, as the SDK's PromptAsset model sends them all.</summary>
    private static void Apply(StoredResource resource, ArchitectAssetWrite body, bool dropTags)
    {
        resource.Name = body.Name;
        resource.Text = body.Text;
        resource.TtsString = body.TtsString;
        resource.Tags = (dropTags ? [] : body.Tags ?? []).ToDictionary(t => t.Key, t => t.Value.ToList(), StringComparer.Ordinal);
    }
}
