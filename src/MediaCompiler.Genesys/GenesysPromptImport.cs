using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys.Http;
using MediaCompiler.Genesys.Sync;
using MediaCompiler.Genesys.Wire;
using MediaCompiler.Storage;

namespace MediaCompiler.Genesys;

/// <summary>One resource (prompt × language) of the org, brought into the repository layout.</summary>
/// <param name="Path">Where its audio is (<c>&lt;folder&gt;/&lt;language&gt;/&lt;name&gt;.wav</c>); null when it has none to bring.</param>
/// <param name="Downloaded">False when the file was already there from an earlier import (resumed) or has no audio.</param>
public sealed record ImportedResource(
    string PromptId, string Name, string Language, string? Path, string? Text, string? TtsText, string? Description,
    string? TaggedHash, bool Downloaded)
{
    /// <summary>The resource's tags as the org had them (others' tags are kept when ours are added).</summary>
    public IReadOnlyDictionary<string, List<string>>? Tags { get; init; }
}

/// <summary>What an import found and wrote.</summary>
public sealed record ImportResult(IReadOnlyList<ImportedResource> Resources, IReadOnlyList<Diagnostic> Diagnostics, int Requests);

/// <summary>
/// Brings an org's user prompts into a repository (<c>ivr-media genesys import</c>), in two calls around the caller's
/// own step: <see cref="DownloadAsync"/> writes each transcoded resource's audio as
/// <c>&lt;folder&gt;/&lt;language&gt;/&lt;name&gt;.wav</c> (and its TTS text as the sidecar <c>&lt;name&gt;.txt</c> the
/// build reads), then the caller works out the hash the build will give each file (the build converts and levels what
/// it uploads, so it is not the downloaded file's), then <see cref="MarkAsOursAsync"/> tags each resource with that
/// hash and our marker, so that the next build finds every resource unchanged and uploads nothing. Only tags are
/// written: audio, text and names in the org are never changed. A second run resumes: a file already there is not
/// downloaded again, a resource already tagged with its hash is not written again.
/// </summary>
public static class GenesysPromptImport
{
    /// <param name="division">Only prompts of this division (its id, or its exact name in any case; the listing is scoped by divisionId); null: every division.</param>
    public static async Task<ImportResult> DownloadAsync(GenesysSyncOptions options, string folder, Func<string, bool> includeName, string? division,
        IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(includeName);
        var diagnostics = new List<Diagnostic>();
        using var connection = GenesysConnection.Open(options, diagnostics);
        if (connection is null)
        {
            return new ImportResult([], diagnostics, 0);
        }
        var http = connection.Http;
        // The sync's own resolution: a division the org does not have is IVR6036, not an empty import.
        var resolved = await DivisionResolver.ResolveAsync(connection.Api, division, cancellationToken).ConfigureAwait(false);
        if (resolved.Failure is { } divisionFailure)
        {
            diagnostics.Add(divisionFailure);
            return new ImportResult([], diagnostics, http.Requests);
        }

        var listed = await new PromptLister(connection.Api, options, resolved.Value).ListAllAsync(cancellationToken).ConfigureAwait(false);
        if (listed.Failure is { } failure)
        {
            diagnostics.Add(failure);
            return new ImportResult([], diagnostics, http.Requests);
        }

        var wanted = listed.Value!.Where(p => p.Id is not null && includeName(p.Name))
            .SelectMany(p => (p.Resources ?? []).Select(r => (Prompt: p, Resource: r)))
            .OrderBy(x => x.Prompt.Name, StringComparer.Ordinal).ThenBy(x => x.Resource.Language, StringComparer.Ordinal)
            .ToList();
        var imported = new List<ImportedResource>();
        foreach (var (prompt, resource) in wanted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            imported.Add(await ImportOneAsync(http, folder, prompt, resource, diagnostics, cancellationToken).ConfigureAwait(false));
            progress?.Report((imported.Count, wanted.Count));
        }
        return new ImportResult(imported, diagnostics, http.Requests);
    }

    private static async Task<ImportedResource> ImportOneAsync(GenesysHttp http, string folder, PromptDto prompt, PromptAssetDto resource,
        List<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var language = resource.Language.ToLowerInvariant();
        var entry = new ImportedResource(prompt.Id!, prompt.Name, language, null, resource.Text, resource.TtsString, prompt.Description,
            ManagedTags.HashOf(resource.Tags), Downloaded: false) { Tags = resource.Tags };
        // A name or language that is not a plain file name would write outside the folder: never followed.
        if (!SyncPlanner.IsValidName(prompt.Name) || language.Length == 0 || language.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysImportSkipped, null, prompt.Name, language, "its name or language is not a plain file name"));
            return entry;
        }
        var path = Path.GetFullPath(Path.Combine(folder, language, prompt.Name + ".wav"));
        if (!string.IsNullOrEmpty(resource.TtsString))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllText(Path.ChangeExtension(path, ".txt"), resource.TtsString);
        }
        if (File.Exists(path) && new FileInfo(path).Length > 0)
        {
            return entry with { Path = path }; // resumed: downloaded by an earlier run
        }
        if (resource.UploadStatus != UploadStatus.Transcoded || !Uri.TryCreate(resource.MediaUri, UriKind.Absolute, out var mediaUri))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysImportSkipped, null, prompt.Name, language,
                $"it has no transcoded audio (upload status '{resource.UploadStatus ?? "none"}')"));
            return entry;
        }
        // A pre-signed link: no Authorization header (the storage would refuse it); retried and bounded like every request.
        var source = mediaUri.GetLeftPart(UriPartial.Path);
        var got = await http.GetMediaAsync(mediaUri, cancellationToken).ConfigureAwait(false);
        if (got.Bytes is not { } bytes)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysImportSkipped, null, prompt.Name, language,
                $"its audio could not be downloaded from {source} ({got.Failure ?? "HTTP 403: the pre-signed link expired"})"));
            return entry;
        }
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllBytes(path, bytes);
            return entry with { Path = path, Downloaded = true };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysImportSkipped, null, prompt.Name, language,
                $"its audio could not be saved from {source} to '{path}' ({ex.Message})"));
            return entry;
        }
    }

    /// <summary>
    /// Tags each resource with the hash the build will compute for its file (and our marker), keeping its text and
    /// TTS text; one already tagged so is not written. Returns the problems met.
    /// </summary>
    public static async Task<IReadOnlyList<Diagnostic>> MarkAsOursAsync(GenesysSyncOptions options,
        IReadOnlyList<(ImportedResource Resource, string HashHex)> marks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(marks);
        var diagnostics = new List<Diagnostic>();
        var pending = marks.Where(m => !string.Equals(m.Resource.TaggedHash, m.HashHex, StringComparison.Ordinal)).ToList();
        if (pending.Count == 0)
        {
            return diagnostics;
        }
        using var connection = GenesysConnection.Open(options, diagnostics);
        if (connection is null)
        {
            return diagnostics;
        }
        foreach (var (resource, hashHex) in pending)
        {
            var written = await connection.Api.UpdateResourceAsync(resource.PromptId, resource.Language, new PromptAssetWriteDto
            {
                Language = resource.Language,
                Text = resource.Text,
                TtsString = resource.TtsText,
                Tags = ManagedTags.Write(resource.Tags, hashHex, options.ManagedMarker),
            }, cancellationToken).ConfigureAwait(false);
            if (written.Failure is { } failure)
            {
                diagnostics.Add(failure with { File = resource.Path });
            }
        }
        return diagnostics;
    }
}
