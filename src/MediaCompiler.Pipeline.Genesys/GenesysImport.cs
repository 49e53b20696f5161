using System.Text;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys;
using MediaCompiler.Genesys.Sync;
using MediaCompiler.Platforms;
using MediaCompiler.Platforms.Checking;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline.Genesys;

/// <summary>What <c>ivr-media genesys import</c> asks for.</summary>
/// <param name="IncludeName">Which prompts, by name (all: <c>_ => true</c>).</param>
/// <param name="Division">Only prompts of this division (id or name); null: every division.</param>
/// <param name="LevelTargetDbov">The build's IvrTargetSpeechLevel when it levels (IvrNormalizeVolume); null when it does not.</param>
/// <param name="WorkDirectory">Where the build-equivalent conversion may write its files.</param>
public sealed record GenesysImportRequest(GenesysSyncOptions Options, string Folder, Func<string, bool> IncludeName,
    QualitySettings Quality, double? LevelTargetDbov, string WorkDirectory, string? Division = null);

/// <summary>What an import did; <see cref="PropsFile"/> is the MSBuild file with the prompts' texts.</summary>
public sealed record GenesysImportSummary(int Resources, int Downloaded, int Marked, string PropsFile, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// An org's prompts into the repository layout, ready for a build that uploads nothing: download
/// (<see cref="GenesysPromptImport.DownloadAsync"/>), then for each file the hash the build itself will compute (the
/// same validation and the same conversion and levelling the build runs before an upload), then the resources tagged
/// with it (<see cref="GenesysPromptImport.MarkAsOursAsync"/>). The texts go into <c>ivr-prompts.props</c> beside the
/// audio (an <c>IvrPrompt Update</c> per prompt), the TTS texts into the sidecars the build reads.
/// </summary>
public static class GenesysImport
{
    public const string PropsFileName = "ivr-prompts.props";

    public static async Task<GenesysImportSummary> RunAsync(GenesysImportRequest request, IPipelineLog log, IProgress<(int Done, int Total)>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var folder = Path.GetFullPath(request.Folder);
        var downloaded = await GenesysPromptImport.DownloadAsync(request.Options, folder, request.IncludeName, request.Division, progress, cancellationToken).ConfigureAwait(false);
        var diagnostics = downloaded.Diagnostics.ToList();
        var platform = PromptPlatform.For(TargetPlatform.Genesys, convertAudio: true);
        var marks = new List<(ImportedResource, string)>();
        foreach (var resource in downloaded.Resources.Where(r => r.Path is not null))
        {
            var input = new PromptInput(resource.Path!, resource.Name + "." + resource.Language, 1, "alaw", resource.Path)
            {
                PromptName = resource.Name,
                Language = resource.Language,
            };
            // The file as the build will see it: a file the build would refuse is reported now, and not marked.
            if (PromptValidationStep.Run([input], platform, request.Quality, log, cancellationToken) is not [var validated])
            {
                continue;
            }
            var converted = UploadConversion.Prepare(validated, request.WorkDirectory, request.LevelTargetDbov, cancellationToken);
            if (converted.Error is { } error)
            {
                diagnostics.Add(error);
                continue;
            }
            marks.Add((resource, new DesiredPrompt(resource.Name, resource.Language, null, converted.Source!.ContentHash).HashHex!));
        }
        var marked = marks.Count(m => !string.Equals(m.Item1.TaggedHash, m.Item2, StringComparison.Ordinal));
        diagnostics.AddRange(await GenesysPromptImport.MarkAsOursAsync(request.Options, marks, cancellationToken).ConfigureAwait(false));

        var propsFile = Path.Combine(folder, PropsFileName);
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(propsFile, Props(downloaded.Resources.Where(r => r.Path is not null), folder));
        return new GenesysImportSummary(downloaded.Resources.Count, downloaded.Resources.Count(r => r.Downloaded), marked, propsFile, diagnostics);
    }

    /// <summary>
    /// The texts Architect holds, as the build reads them: <c>IvrPrompt Update</c> items relative to this file, so the
    /// project that imports it (<c>&lt;Import Project="prompts/ivr-prompts.props" /&gt;</c>) gives each prompt its text
    /// and description whatever its own glob.
    /// </summary>
    private static string Props(IEnumerable<ImportedResource> resources, string folder)
    {
        var text = new StringBuilder();
        text.Append("<Project>\n  <!-- Written by 'ivr-media genesys import': the texts Architect held for these prompts. -->\n  <ItemGroup>\n");
        foreach (var r in resources)
        {
            var relative = Path.GetRelativePath(folder, r.Path!).Replace('\\', '/');
            text.Append("    <IvrPrompt Update=\"$(MSBuildThisFileDirectory)").Append(MSBuildText.AttributeValue(relative)).Append('"');
            if (!string.IsNullOrEmpty(r.Text))
            {
                text.Append(" Text=\"").Append(MSBuildText.AttributeValue(r.Text)).Append('"');
            }
            if (!string.IsNullOrEmpty(r.Description))
            {
                text.Append(" Description=\"").Append(MSBuildText.AttributeValue(r.Description)).Append('"');
            }
            text.Append(" />\n");
        }
        text.Append("  </ItemGroup>\n</Project>\n");
        return text.ToString();
    }
}
