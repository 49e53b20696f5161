using System.Text.Json;
using System.Text.RegularExpressions;
using MediaCompiler.Emulator.RequestCounting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// <c>/api/v2/architect/prompts</c>: listing (paging with the 10,000-result cap, the name filter as a
/// case-insensitive prefix match, new prompts missing from name queries while the index lags), create (409 on a
/// name in use), read (404 for a short while after the create), rename, delete.
/// </summary>
internal static partial class ArchitectPromptEndpoints
{
    public const string Root = "/api/v2/architect/prompts";

    public static void MapArchitectPromptEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Root, List).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.ViewPrompts);
        app.MapPost(Root, CreateAsync).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.AddPrompts);
        app.MapGet(Root + "/{promptId}", Get).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.ViewPrompts);
        app.MapPut(Root + "/{promptId}", UpdateAsync).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.EditPrompts);
        app.MapDelete(Root + "/{promptId}", Delete).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.DeletePrompts);
        app.MapDelete(Root, BatchDelete).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.DeletePrompts);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,199}$", RegexOptions.CultureInvariant)]
    public static partial Regex ValidName();

    private static async Task<IResult> CreateAsync(HttpContext http, ArchitectStore store)
    {
        var body = await ReadAsync<ArchitectPromptWrite>(http);
        if (body is null || string.IsNullOrEmpty(body.Name))
        {
            return ArchitectErrors.BadRequest(http, "The body must be a Prompt with a name.");
        }

        if (!ValidName().IsMatch(body.Name))
        {
            return ArchitectErrors.BadRequest(http, $"The prompt name '{body.Name}' is invalid: letters, digits and underscores only, starting with a letter, at most 200 characters.");
        }

        lock (store.Lock)
        {
            if (store.FindByName(body.Name) is { } existing)
            {
                return ArchitectErrors.Result(http, 409, "duplicate.value", $"A prompt named '{existing.Name}' already exists.", existing.Id, existing.Name);
            }

            var divisionId = body.Division?.Id ?? ArchitectSettings.HomeDivisionId;
            if (store.Settings.Division(divisionId) is not { } division)
            {
                return ArchitectErrors.BadRequest(http, $"Division '{divisionId}' was not found.");
            }

            if (!store.Settings.Grants(ArchitectAuthentication.ClientId(http), divisionId))
            {
                return ArchitectErrors.Result(http, 403, "missing.division.permission",
                    $"You are missing the following permission(s) in division '{division.Name}' ({division.Id}): architect:userPrompt:add");
            }

            var prompt = new StoredPrompt(Guid.NewGuid().ToString("D"), body.Name, body.Description, store.Now) { DivisionId = divisionId };
            store.Prompts[prompt.Id] = prompt;
            return Results.Json(ArchitectWireMapping.ToWire(prompt, http.Request, store, true, true, null), ArchitectWireJson.Options);
        }
    }

    private static IResult Get(HttpContext http, ArchitectStore store, string promptId)
    {
        lock (store.Lock)
        {
            if (!store.Prompts.TryGetValue(promptId, out var prompt) || store.InReadAfterWriteWindow(prompt))
            {
                return ArchitectErrors.NotFound(http, $"Prompt '{promptId}'");
            }

            store.Advance(prompt);
            var query = http.Request.Query;
            return Results.Json(ArchitectWireMapping.ToWire(prompt, http.Request, store,
                !string.Equals(query["includeResources"], "false", StringComparison.OrdinalIgnoreCase),
                !string.Equals(query["includeMediaUris"], "false", StringComparison.OrdinalIgnoreCase),
                query["language"].OfType<string>().ToList()), ArchitectWireJson.Options);
        }
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, ArchitectStore store, string promptId)
    {
        var body = await ReadAsync<ArchitectPromptWrite>(http);
        if (body is null || string.IsNullOrEmpty(body.Name) || !ValidName().IsMatch(body.Name))
        {
            return ArchitectErrors.BadRequest(http, "The body must be a Prompt with a valid name.");
        }

        lock (store.Lock)
        {
            if (!store.Prompts.TryGetValue(promptId, out var prompt))
            {
                return ArchitectErrors.NotFound(http, $"Prompt '{promptId}'");
            }

            if (store.FindByName(body.Name) is { } other && other.Id != promptId)
            {
                return ArchitectErrors.Result(http, 409, "duplicate.value", $"A prompt named '{other.Name}' already exists.", other.Id, other.Name);
            }

            prompt.Name = body.Name;
            prompt.Description = body.Description;
            return Results.Json(ArchitectWireMapping.ToWire(prompt, http.Request, store, true, true, null), ArchitectWireJson.Options);
        }
    }

    private static IResult Delete(HttpContext http, ArchitectStore store, string promptId)
    {
        lock (store.Lock)
        {
            if (!store.Prompts.TryGetValue(promptId, out var prompt))
            {
                return ArchitectErrors.NotFound(http, $"Prompt '{promptId}'");
            }

            if (store.Settings.ConsumingFlows.TryGetValue(prompt.Name, out var flows) && flows.Count > 0)
            {
                return ArchitectErrors.Result(http, 409, "general.conflict", $"Prompt '{prompt.Name}' is used by {string.Join(", ", flows)}.", prompt.Id, prompt.Name);
            }

            if (prompt.Resources.Count > 0 && !string.Equals(http.Request.Query["allResources"], "true", StringComparison.OrdinalIgnoreCase))
            {
                return ArchitectErrors.Result(http, 409, "general.conflict", $"Prompt '{prompt.Name}' still has resources; pass allResources=true.", prompt.Id, prompt.Name);
            }

            store.Prompts.Remove(promptId);
            return Results.NoContent();
        }
    }

    /// <summary>
    /// <c>DELETE /prompts?id=…&amp;id=…</c>: the batch delete, asynchronous on the platform, answering an Operation.
    /// The emulator deletes at once (prompts and all their resources) and answers the Operation complete; a prompt a
    /// flow consumes is left and named in the Operation's error.
    /// </summary>
    private static IResult BatchDelete(HttpContext http, ArchitectStore store)
    {
        var ids = http.Request.Query["id"].SelectMany(i => (i ?? "").Split(',')).Where(i => i.Length > 0).ToList();
        if (ids.Count == 0)
        {
            return ArchitectErrors.BadRequest(http, "At least one id is required.");
        }

        var kept = new List<string>();
        lock (store.Lock)
        {
            foreach (var id in ids)
            {
                if (store.Prompts.TryGetValue(id, out var prompt) && store.Settings.ConsumingFlows.TryGetValue(prompt.Name, out var flows) && flows.Count > 0)
                {
                    kept.Add(prompt.Name);
                    continue;
                }

                store.Prompts.Remove(id);
            }
        }

        // The values of the SDK models' Operation enums (actionName DELETE; actionStatus SUCCESS or FAILURE).
        return Results.Json(new ArchitectOperation(Guid.NewGuid().ToString("D"), Complete: true, ActionName: "DELETE",
            ActionStatus: kept.Count == 0 ? "SUCCESS" : "FAILURE",
            ErrorMessage: kept.Count == 0 ? null : $"Prompt(s) in use by flows: {string.Join(", ", kept)}."), ArchitectWireJson.Options);
    }

    internal static async Task<T?> ReadAsync<T>(HttpContext http)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, ArchitectWireJson.Options, http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues value, int fallback, out int result)
    {
        if (string.IsNullOrEmpty(value))
        {
            result = fallback;
            return true;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out result);
    }
}
