using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Turns IvrGenesysDivision (or the import's <c>--division</c>) into the division's id and name, once per session,
/// before anything is listed or written: a value shaped like an id is looked up by id first, then by name; a name
/// matches exactly, in any letter case (the platform's <c>name</c> query is only a search term). The one
/// resolution every entry point (sync, plan, import) uses.
/// </summary>
internal static class DivisionResolver
{
    /// <summary>Null when <paramref name="nameOrId"/> is blank (the org's default, Home); IVR6036 when the org has no such division.</summary>
    public static async Task<ApiOutcome<DivisionDto?>> ResolveAsync(ArchitectApi api, string? nameOrId, CancellationToken cancellationToken)
    {
        var wanted = nameOrId?.Trim();
        if (string.IsNullOrEmpty(wanted))
        {
            return ApiOutcome<DivisionDto?>.Ok(null);
        }

        foreach (var byId in Guid.TryParse(wanted, out _) ? new[] { true, false } : [false])
        {
            for (var page = 1; ; page++)
            {
                var listed = await api.ListDivisionsAsync(wanted, byId, page, cancellationToken).ConfigureAwait(false);
                if (listed.Failure is { } failure)
                {
                    return ApiOutcome<DivisionDto?>.Fail(failure);
                }

                var match = (listed.Value!.Entities ?? []).FirstOrDefault(d => d.Id is not null && (byId
                    ? string.Equals(d.Id, wanted, StringComparison.OrdinalIgnoreCase)
                    : string.Equals(d.Name, wanted, StringComparison.OrdinalIgnoreCase)));
                if (match is not null)
                {
                    return ApiOutcome<DivisionDto?>.Ok(new DivisionDto { Id = match.Id, Name = match.Name });
                }

                if (page >= listed.Value.PageCount)
                {
                    break;
                }
            }
        }

        return ApiOutcome<DivisionDto?>.Fail(Diagnostic.Create(DiagnosticCatalog.GenesysUnknownDivision, null, wanted));
    }
}
