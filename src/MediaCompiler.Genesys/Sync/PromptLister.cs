using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Reads prompts from the org. The whole listing pages through <c>GET /prompts</c>; past the platform's paging cap
/// (10,000 results) it shards the query by name prefix (<c>a*</c>, <c>b*</c>, … then <c>ab*</c>, <c>a_*</c> …), as the
/// Terraform provider does since PR #1351 (it stops at one character; we go deeper). A shard's children cover every
/// name longer than its prefix (a name is a letter, then letters, digits and underscores); the name equal to the prefix
/// itself is on the shard's first page, since the listing is sorted by name and a prefix sorts before every name it
/// starts. Name lookups post-filter for an exact, case-sensitive match, since the server's
/// name filter is a prefix match. With a <paramref name="division"/>, every query is scoped to it (<c>divisionId</c>):
/// prompts of other divisions are never seen, planned, counted or deleted.
/// </summary>
internal sealed class PromptLister(ArchitectApi api, GenesysSyncOptions options, DivisionDto? division = null)
{
    /// <summary>What may follow a shard's prefix: the characters of an Architect prompt name after the first.</summary>
    private const string ShardAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789_";

    /// <summary>What a name starts with: a letter.</summary>
    private const string FirstShardAlphabet = "abcdefghijklmnopqrstuvwxyz";
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
        var scope = anyDivision ? null : division;
        var found = new Dictionary<string, PromptDto>(StringComparer.Ordinal);
        // At most a page of names per query: the prefix filter returns extra prompts, and pages past the cap are refused.
        foreach (var batch in names.Distinct(StringComparer.Ordinal).Chunk(Math.Max(1, Math.Min(options.NamesPerPoll, options.PageSize))))
        {
            if (await FindBatchAsync(batch, scope, found, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                return ApiOutcome<List<PromptDto>>.Fail(failure);
            }
        }

        return ApiOutcome<List<PromptDto>>.Ok(found.Values.ToList());
    }

    /// <summary>
    /// One query of several names, paged until each is found or the listing ends. The name filter is a prefix match, so
    /// a short name can match past the paging cap ("a" in an org of thousands of "a…" prompts): then each name still
    /// missing is asked alone, and its exact match, if any, is on its first page (sorted by name, a prefix comes first).
    /// </summary>
    private async Task<Diagnostic?> FindBatchAsync(string[] batch, DivisionDto? scope, Dictionary<string, PromptDto> found, CancellationToken cancellationToken)
    {
        var missing = batch.ToHashSet(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            if ((long)page * options.PageSize > options.PagingCap)
            {
                foreach (var name in batch.Length > 1 ? missing.ToList() : [])
                {
                    if (await FindBatchAsync([name], scope, found, cancellationToken).ConfigureAwait(false) is { } failure)
                    {
                        return failure;
                    }
                }

                return null;
            }

            var listed = await api.ListAsync(batch, page, options.PageSize, scope, cancellationToken).ConfigureAwait(false);
            if (listed.Failure is { } listFailure)
            {
                return listFailure;
            }

            foreach (var prompt in listed.Value!.Entities ?? [])
            {
                // With several names the platform evaluates no other filter (the SDK's getArchitectPrompts says so),
                // divisionId included: the division is checked here.
                if (prompt.Id is not null && batch.Contains(prompt.Name, StringComparer.Ordinal) && InScope(prompt, scope))
                {
                    found[prompt.Id] = prompt;
                    missing.Remove(prompt.Name);
                }
            }

            if (missing.Count == 0 || page >= listed.Value.PageCount)
            {
                return null;
            }
        }
    }

    /// <summary>A prompt of the division, or any when none is set (or the answer names no division).</summary>
    private static bool InScope(PromptDto prompt, DivisionDto? scope) =>
        scope?.Id is null || prompt.Division?.Id is null || string.Equals(prompt.Division.Id, scope.Id, StringComparison.Ordinal);

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

            // Sharding is the only way to see results past the cap; of the first page only the name equal to the
            // prefix is kept (no child shard holds it).
            if (prefix.Length > 0)
            {
                Add(first.Value, prefix, found, exactOnly: true);
            }

            foreach (var next in prefix.Length == 0 ? FirstShardAlphabet : ShardAlphabet)
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

    private static void Add(PromptListingDto page, string prefix, Dictionary<string, PromptDto> found, bool exactOnly = false)
    {
        foreach (var prompt in page.Entities ?? [])
        {
            // The prefix filter may match more loosely than asked (e.g. case-insensitively); keep what the shard owns.
            var owned = exactOnly
                ? string.Equals(prompt.Name, prefix, StringComparison.OrdinalIgnoreCase)
                : prompt.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
            if (prompt.Id is not null && owned)
            {
                found[prompt.Id] = prompt;
            }
        }
    }
}
