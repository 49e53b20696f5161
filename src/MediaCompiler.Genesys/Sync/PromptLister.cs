using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Reads prompts from the org. The whole listing pages through <c>GET /prompts</c>; past the platform's paging cap
/// (10,000 results) it shards the query by name prefix (<c>a*</c>, <c>b*</c>, … then <c>ab*</c> …), as the Terraform
/// provider does since PR #1351. Name lookups post-filter for an exact, case-sensitive match, since the server's
/// name filter is a prefix match. With a <paramref name="division"/>, every query is scoped to it (<c>divisionId</c>):
/// prompts of other divisions are never seen, planned, counted or deleted.
/// </summary>
internal sealed class PromptLister(ArchitectApi api, GenesysSyncOptions options, DivisionDto? division = null)
{
    private const string ShardAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int MaxPrefixLength = 3;

    /// <summary>Every prompt of the org (with resources), each once.</summary>
    public async Task<ApiOutcome<List<PromptDto>>> ListAllAsync(CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, PromptDto>(StringComparer.Ordinal);
        var failure = await ListUnderAsync("", found, cancellationToken).ConfigureAwait(false);
        return failure is null ? ApiOutcome<List<PromptDto>>.Ok(found.Values.ToList()) : ApiOutcome<List<PromptDto>>.Fail(failure);
    }

    /// <summary>The prompts named exactly one of <paramref name="names"/> (several names per request).</summary>
    /// <param name="anyDivision">Look in every division the client sees, not only the sync's (who holds a name).</param>
    public async Task<ApiOutcome<List<PromptDto>>> FindByNamesAsync(IReadOnlyList<string> names, CancellationToken cancellationToken, bool anyDivision = false)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, PromptDto>(StringComparer.Ordinal);
        // At most a page of names per query: the prefix filter returns extra prompts, and pages past the cap are refused.
        foreach (var batch in names.Distinct(StringComparer.Ordinal).Chunk(Math.Max(1, Math.Min(options.NamesPerPoll, options.PageSize))))
        {
            for (var page = 1; ; page++)
            {
                var listed = await api.ListAsync(batch, page, options.PageSize, anyDivision ? null : division, cancellationToken).ConfigureAwait(false);
                if (listed.Failure is { } failure)
                {
                    return ApiOutcome<List<PromptDto>>.Fail(failure);
                }

                foreach (var prompt in listed.Value!.Entities ?? [])
                {
                    if (prompt.Id is not null && wanted.Contains(prompt.Name))
                    {
                        found[prompt.Id] = prompt;
                    }
                }

                if (page >= listed.Value.PageCount)
                {
                    break;
                }
            }
        }

        return ApiOutcome<List<PromptDto>>.Ok(found.Values.ToList());
    }

    private async Task<Diagnostic?> ListUnderAsync(string prefix, Dictionary<string, PromptDto> found, CancellationToken cancellationToken)
    {
        string[] filter = prefix.Length == 0 ? [] : [prefix + "*"];
        var first = await api.ListAsync(filter, 1, options.PageSize, division, cancellationToken).ConfigureAwait(false);
        if (first.Failure is { } failure)
        {
            return failure;
        }

        // The cap is on pageNumber x pageSize, so a last page that would reach past it needs sharding too.
        if (first.Value!.Total > options.PagingCap || (long)first.Value.PageCount * options.PageSize > options.PagingCap)
        {
            if (prefix.Length >= MaxPrefixLength)
            {
                return Diagnostic.Create(DiagnosticCatalog.GenesysListingTooLarge, null, prefix, options.PagingCap, first.Value.Total);
            }

            // The first page is wasted here: sharding is the only way to see results past the cap.
            foreach (var next in ShardAlphabet)
            {
                var shardFailure = await ListUnderAsync(prefix + next, found, cancellationToken).ConfigureAwait(false);
                if (shardFailure is not null)
                {
                    return shardFailure;
                }
            }

            return null;
        }

        Add(first.Value, prefix, found);
        for (var page = 2; page <= first.Value.PageCount; page++)
        {
            var listed = await api.ListAsync(filter, page, options.PageSize, division, cancellationToken).ConfigureAwait(false);
            if (listed.Failure is { } pageFailure)
            {
                return pageFailure;
            }

            Add(listed.Value!, prefix, found);
        }

        return null;
    }

    private static void Add(PromptListingDto page, string prefix, Dictionary<string, PromptDto> found)
    {
        foreach (var prompt in page.Entities ?? [])
        {
            // The prefix filter may match more loosely than asked (e.g. case-insensitively); keep what the shard owns.
            if (prompt.Id is not null && prompt.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                found[prompt.Id] = prompt;
            }
        }
    }
}
