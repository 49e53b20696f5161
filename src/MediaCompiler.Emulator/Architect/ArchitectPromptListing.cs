using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// <c>GET /api/v2/architect/prompts</c> with the query parameters the SDK declares for getArchitectPrompts: paging,
/// <c>name</c>, <c>description</c>, <c>nameOrDescription</c> (each a case-insensitive prefix match, a trailing
/// <c>*</c> allowed), <c>sortBy</c> (<c>id</c>, <c>name</c> or <c>description</c>; anything else 400) and
/// <c>sortOrder</c> (<c>asc</c>/<c>desc</c>; anything else 400), <c>divisionId</c>, <c>includeResources</c>,
/// <c>includeMediaUris</c>, <c>language</c>. Prompts of divisions the caller's client is not granted are never
/// listed, whatever the query.
/// </summary>
internal static partial class ArchitectPromptEndpoints
{
    private static readonly string[] SortFields = ["id", "name", "description"];

    private static IResult List(HttpContext http, ArchitectStore store)
    {
        var query = http.Request.Query;
        if (!TryInt(query["pageNumber"], 1, out var pageNumber) || pageNumber < 1
            || !TryInt(query["pageSize"], 25, out var pageSize) || pageSize < 1 || pageSize > store.Settings.MaxPageSize)
        {
            return ArchitectErrors.BadRequest(http, $"pageNumber must be 1 or more and pageSize between 1 and {store.Settings.MaxPageSize}.");
        }

        if ((long)pageNumber * pageSize > store.Settings.PagingCap)
        {
            return ArchitectErrors.BadRequest(http, $"Paging is limited to the first {store.Settings.PagingCap} results; narrow the query (e.g. by name prefix).");
        }

        var sortBy = string.IsNullOrEmpty(query["sortBy"]) ? "id" : query["sortBy"].ToString();
        var sortOrder = string.IsNullOrEmpty(query["sortOrder"]) ? "asc" : query["sortOrder"].ToString();
        if (!SortFields.Contains(sortBy, StringComparer.OrdinalIgnoreCase) || sortOrder.ToLowerInvariant() is not ("asc" or "desc"))
        {
            return ArchitectErrors.BadRequest(http, $"sortBy must be one of {string.Join(", ", SortFields)} and sortOrder asc or desc (got '{sortBy}', '{sortOrder}').");
        }

        // Repeated name= (the .NET and Go SDKs) and one comma-joined name=a,b (the JavaScript SDK) alike; a comma
        // cannot be part of a prompt name. Descriptions may hold commas, so theirs are taken whole.
        var names = Prefixes(query["name"], splitCommas: true);
        var descriptions = Prefixes(query["description"], splitCommas: false);
        var namesOrDescriptions = Prefixes(query["nameOrDescription"], splitCommas: false);
        var filtered = names.Count + descriptions.Count + namesOrDescriptions.Count > 0;
        var divisions = query["divisionId"].SelectMany(d => (d ?? "").Split(',')).Where(d => d.Length > 0).ToHashSet(StringComparer.Ordinal);
        // "Multiple names can be specified, in which case all matching prompts will be returned, and no other filters
        // will be evaluated" (the SDK's getArchitectPrompts): a client that scopes such a query must check the answer.
        if (names.Count > 1)
        {
            descriptions.Clear();
            namesOrDescriptions.Clear();
            divisions.Clear();
        }
        var includeResources = !string.Equals(query["includeResources"], "false", StringComparison.OrdinalIgnoreCase);
        var includeMediaUris = !string.Equals(query["includeMediaUris"], "false", StringComparison.OrdinalIgnoreCase);
        var clientId = ArchitectAuthentication.ClientId(http);
        lock (store.Lock)
        {
            var matching = store.Prompts.Values
                .Where(p => store.Settings.Grants(clientId, p.DivisionId))
                .Where(p => divisions.Count == 0 || divisions.Contains(p.DivisionId))
                // A filtered query is served from the search index, which lags behind new prompts.
                .Where(p => !filtered || !store.NotYetIndexed(p))
                .Where(p => Matches(names, p.Name) && Matches(descriptions, p.Description)
                    && (namesOrDescriptions.Count == 0 || Matches(namesOrDescriptions, p.Name) || Matches(namesOrDescriptions, p.Description)));
            matching = sortBy.ToLowerInvariant() switch
            {
                "name" => matching.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase),
                "description" => matching.OrderBy(p => p.Description ?? "", StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal),
                _ => matching.OrderBy(p => p.Id, StringComparer.Ordinal),
            };
            var all = string.Equals(sortOrder, "desc", StringComparison.OrdinalIgnoreCase) ? matching.Reverse().ToList() : matching.ToList();
            var page = all.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToList();
            page.ForEach(store.Advance);
            var paged = ArchitectPaging.Page(all, pageNumber, pageSize, http.Request);
            var entities = page.Select(p => ArchitectWireMapping.ToWire(p, http.Request, store, includeResources, includeMediaUris, query["language"].OfType<string>().ToList(), listing: filtered)).ToList();
            return Results.Json(new ArchitectListing<ArchitectPrompt>(entities, pageSize, pageNumber, all.Count, paged.PageCount, paged.SelfUri)
            {
                FirstUri = paged.FirstUri, PreviousUri = paged.PreviousUri, NextUri = paged.NextUri, LastUri = paged.LastUri,
            }, ArchitectWireJson.Options);
        }
    }

    private static List<string> Prefixes(StringValues values, bool splitCommas) =>
        values.SelectMany(v => splitCommas ? (v ?? "").Split(',') : [v ?? ""]).Where(v => v.Length > 0).Select(v => v.TrimEnd('*')).ToList();

    /// <summary>No filter matches everything; otherwise the text starts with one of the prefixes (case-insensitively).</summary>
    private static bool Matches(List<string> prefixes, string? text) =>
        prefixes.Count == 0 || (text is not null && prefixes.Any(p => text.StartsWith(p, StringComparison.OrdinalIgnoreCase)));
}
