using System.Text;
using System.Xml.Linq;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Build;

/// <summary>
/// The item index: what the last successful run compiled, written as a small MSBuild file that the package's targets
/// import at evaluation (<c>obj/…/ivr/prompts.items.props</c>). A no-op build then gets its IvrCompiledPrompt and
/// Content items, and the compile target its outputs, as plain evaluated items: no task is loaded, no file is read
/// line by line and no metadata is split by batching in a target (that batching was most of the package's no-op cost).
/// One element per compiled prompt, <c>_IvrLastCompiledPrompt</c>, with its metadata: the items are the compile
/// target's outputs (a missing one makes it run again) and, once that target is done, the content. No condition per
/// item and no second list: a no-op build of 2,000 prompts evaluated this file in about 115 ms more (by MSBuild's clock) when
/// each prompt also had an <c>Exists</c> condition and an entry in a list of outputs. Their place in the output (Link,
/// TargetPath, PackagePath) is written with <c>$(IvrPromptsTargetFolder)</c> unexpanded: evaluation fills it in, so a
/// changed folder needs no new run, and the targets make Content items without a metadata reference (one that batches
/// per prompt: 0.2 s of a no-op build of 2,000 prompts).
/// </summary>
internal static class PromptItemIndex
{
    private const string CompiledItem = "_IvrLastCompiledPrompt";

    /// <summary>A second list of the outputs that indexes of earlier versions of the package held; still read, so an upgrade removes stale outputs too.</summary>
    private const string LegacyOutputItem = "_IvrLastOutput";

    /// <summary>The targets' property for the folder under the output (and the package's content) that prompts go to.</summary>
    private const string TargetFolderProperty = "$(IvrPromptsTargetFolder)";

    /// <summary>The index's text for <paramref name="records"/>, compiled into <paramref name="compiledPromptsDirectory"/>.</summary>
    public static string ToText(IReadOnlyList<CompiledPromptRecord> records, string compiledPromptsDirectory)
    {
        var text = new StringBuilder();
        text.Append("<Project>\n  <!-- Written by the MediaCompiler.Build task after each successful run; imported by its targets. -->\n  <ItemGroup>\n");
        foreach (var r in records)
        {
            text.Append("    <").Append(CompiledItem).Append(" Include=\"").Append(MSBuildText.AttributeValue(r.CompiledPath)).Append('"');
            foreach (var (name, value) in Metadata(r, compiledPromptsDirectory))
            {
                text.Append(' ').Append(name).Append("=\"").Append(MSBuildText.AttributeValue(value)).Append('"');
            }
            foreach (var (name, value) in OutputPlace(RelativePath(r, compiledPromptsDirectory), TargetFolderProperty, MSBuildText.AttributeValue))
            {
                text.Append(' ').Append(name).Append("=\"").Append(value).Append('"');
            }
            text.Append(" />\n");
        }
        text.Append("  </ItemGroup>\n</Project>\n");
        return text.ToString();
    }

    /// <summary>
    /// The metadata every compiled prompt carries, on the task's output items and in the index alike.
    /// IvrRelativePath is its path under the compiled folder with '/', which the targets put under the output folder.
    /// </summary>
    public static IEnumerable<(string Name, string Value)> Metadata(CompiledPromptRecord r, string compiledPromptsDirectory) =>
    [
        ("NodeId", r.NodeId),
        ("Language", r.Language),
        ("SourcePrompt", r.SourcePrompt),
        ("Encoding", r.Encoding),
        ("ContentHash", r.ContentHash),
        ("AssetId", r.AssetId),
        ("CompilationId", r.CompilationId),
        ("IvrRelativePath", RelativePath(r, compiledPromptsDirectory)),
    ];

    /// <summary>
    /// Where a compiled prompt goes under the output folder and in a package: <paramref name="targetFolder"/> (the
    /// folder's name, or the property that names it) and the prompt's path under the compiled folder.
    /// </summary>
    public static IEnumerable<(string Name, string Value)> OutputPlace(string relativePath, string targetFolder, Func<string, string> escape)
    {
        var place = targetFolder + "/" + escape(relativePath);
        return [("Link", place), ("TargetPath", place), ("PackagePath", "contentFiles/any/any/" + place)];
    }

    private static string RelativePath(CompiledPromptRecord r, string compiledPromptsDirectory) =>
        Path.GetRelativePath(compiledPromptsDirectory, r.CompiledPath).Replace('\\', '/');

    /// <summary>
    /// The outputs an index lists (full paths). An index that cannot be parsed (a hand edit, a torn file from a tool
    /// that does not write atomically) lists nothing: it only drives the removal of stale outputs, which then waits
    /// for the next good index.
    /// </summary>
    public static IReadOnlyList<string> ReadOutputs(string indexPath)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(indexPath);
        }
        catch (System.Xml.XmlException)
        {
            return [];
        }
        return document.Descendants()
            .Where(e => e.Name.LocalName is CompiledItem or LegacyOutputItem)
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .Select(MSBuildText.Unescape)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
