using System.Text;
using System.Text.RegularExpressions;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Decides, without any I/O, what each (prompt, language) needs given the org's prompts as listed. A resource is
/// Unchanged only when its <c>sha256</c> tag equals the local hash, text and TTS text are equal, our marker is
/// present and the platform reports <c>transcoded</c> with a mediaUri (reference §1.10's rule); anything less is
/// redone, so a failed upload on an earlier run is never mistaken for success.
/// </summary>
public static partial class SyncPlanner
{
    public const int MaxNameLength = 200;

    public static SyncPlan Plan(IReadOnlyList<DesiredPrompt> desired, IReadOnlyCollection<PromptDto> listed, string managedMarker)
    {
        var problems = new List<Diagnostic>();
        var byName = new Dictionary<string, PromptDto>(StringComparer.Ordinal);
        var byNameIgnoringCase = new Dictionary<string, PromptDto>(StringComparer.OrdinalIgnoreCase);
        foreach (var prompt in listed)
        {
            byName.TryAdd(prompt.Name, prompt);
            byNameIgnoringCase.TryAdd(prompt.Name, prompt);
        }

        var seen = new Dictionary<(string, string), DesiredPrompt>();
        var planned = new List<PlannedResource>();
        foreach (var want in desired)
        {
            if (!IsValidName(want.Name))
            {
                problems.Add(Diagnostic.Create(DiagnosticCatalog.GenesysInvalidPromptName, want.File, want.Name, ProposeName(want.Name)));
                continue;
            }

            var key = (want.Name, want.Language.ToLowerInvariant());
            if (seen.TryGetValue(key, out var first))
            {
                problems.Add(Diagnostic.Create(DiagnosticCatalog.GenesysDuplicatePrompt, want.File, want.Name, want.Language, first.File ?? first.Name));
                continue;
            }

            seen[key] = want;
            if (!byName.TryGetValue(want.Name, out var existing) && byNameIgnoringCase.TryGetValue(want.Name, out var clash))
            {
                problems.Add(Diagnostic.Create(DiagnosticCatalog.GenesysNameCaseClash, want.File, want.Name, clash.Name, clash.Id ?? "?"));
                continue;
            }

            planned.Add(Decide(want, existing, managedMarker));
        }

        var wantedNames = desired.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var orphans = listed
            .Where(p => p.Id is not null && !wantedNames.Contains(p.Name)
                && (p.Resources ?? []).Any(r => ManagedTags.IsManaged(r.Tags, managedMarker)))
            .Select(p => new OrphanPrompt(p.Id!, p.Name))
            .ToList();
        var wantedLanguages = desired.Select(d => (d.Name, d.Language.ToLowerInvariant())).ToHashSet();
        var stale = listed
            .Where(p => p.Id is not null && wantedNames.Contains(p.Name))
            .SelectMany(p => (p.Resources ?? [])
                .Where(r => ManagedTags.IsManaged(r.Tags, managedMarker) && !wantedLanguages.Contains((p.Name, r.Language.ToLowerInvariant())))
                .Select(r => new StaleLanguage(p.Id!, p.Name, r.Language)))
            .ToList();
        return new SyncPlan(planned, DescriptionUpdates(planned), orphans, stale, problems);
    }

    /// <summary>The decision for one desired resource against the prompt of the same name (null when there is none).</summary>
    public static PlannedResource Decide(DesiredPrompt want, PromptDto? existing, string managedMarker)
    {
        if (existing is null)
        {
            return new PlannedResource(want, SyncAction.CreatePrompt, null, null);
        }

        var resource = (existing.Resources ?? []).FirstOrDefault(r => string.Equals(r.Language, want.Language, StringComparison.OrdinalIgnoreCase));
        if (resource is null)
        {
            return new PlannedResource(want, SyncAction.CreateResource, existing, null);
        }

        var metadataEqual = Same(want.Text, resource.Text) && Same(want.TtsText, resource.TtsString)
            && ManagedTags.IsManaged(resource.Tags, managedMarker);
        var action = want.HashHex is null
            ? DecideTtsOnly(resource, metadataEqual)
            : DecideAudio(want.HashHex, resource, metadataEqual);
        return new PlannedResource(want, action, existing, resource);
    }

    /// <summary>
    /// Existing prompts whose description the project sets (any language's item may carry it) to another value. A
    /// prompt whose items set no description keeps the one it has.
    /// </summary>
    private static List<DescriptionUpdate> DescriptionUpdates(List<PlannedResource> planned) =>
        planned
            .Where(p => p.Existing?.Id is not null)
            .GroupBy(p => p.Existing!.Id!, StringComparer.Ordinal)
            .Select(prompt => (Existing: prompt.First().Existing!, Wanted: prompt.FirstOrDefault(p => p.Desired.Description is not null)?.Desired))
            .Where(p => p.Wanted is not null && !Same(p.Wanted.Description, p.Existing.Description))
            .Select(p => new DescriptionUpdate(p.Existing.Id!, p.Existing.Name, p.Wanted!.Description!, p.Wanted.File))
            .ToList();

    public static bool IsValidName(string name) => ValidName().IsMatch(name);

    /// <summary>A valid name close to <paramref name="name"/>: other characters become <c>_</c>, a letter leads, at most 200.</summary>
    public static string ProposeName(string name)
    {
        var builder = new StringBuilder(name.Length + 2);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        var proposal = builder.ToString().Trim('_');
        if (proposal.Length == 0 || !char.IsAsciiLetter(proposal[0]))
        {
            proposal = "P_" + proposal;
        }

        return proposal.Length > MaxNameLength ? proposal[..MaxNameLength] : proposal;
    }

    private static SyncAction DecideAudio(string hashHex, PromptAssetDto resource, bool metadataEqual)
    {
        var hashEqual = string.Equals(ManagedTags.HashOf(resource.Tags), hashHex, StringComparison.Ordinal);
        var transcoded = resource.UploadStatus == UploadStatus.Transcoded && !string.IsNullOrEmpty(resource.MediaUri);
        return (hashEqual, transcoded, metadataEqual) switch
        {
            (false, _, _) => SyncAction.UpdateResource,
            (true, false, true) when !string.IsNullOrEmpty(resource.UploadUri) => SyncAction.UploadAudio,
            (true, false, _) => SyncAction.UpdateResource,
            (true, true, false) => SyncAction.TextOnlyUpdate,
            (true, true, true) => SyncAction.Unchanged,
        };
    }

    private static SyncAction DecideTtsOnly(PromptAssetDto resource, bool metadataEqual) =>
        metadataEqual && ManagedTags.HashOf(resource.Tags) is null ? SyncAction.Unchanged : SyncAction.TextOnlyUpdate;

    /// <summary>The platform may drop an empty string; null and empty mean the same.</summary>
    private static bool Same(string? wanted, string? actual) => string.Equals(wanted ?? "", actual ?? "", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,199}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}

/// <summary>The values of a resource's <c>uploadStatus</c>.</summary>
public static class UploadStatus
{
    public const string Created = "created";
    public const string Uploaded = "uploaded";
    public const string Transcoded = "transcoded";
    public const string TranscodeFailed = "transcodeFailed";
}
