using System.Text;
using System.Xml.Linq;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Build;

/// <summary>
/// The item index: what the last successful run compiled, written as a small MSBuild file that the package's targets
/// import at evaluation (<c>obj/…/ivr/prompts.items.props</c>). A no-op build then gets its IvrCompiledPrompt and
/// content items, and the compile target its outputs, as plain evaluated items: no task is loaded, no file is read
/// line by line and no metadata is split by batching in a target (that batching was most of the package's no-op cost).
/// One element per compiled prompt, <c>_IvrLastCompiledPrompt</c>, with its metadata: the items are the compile
/// target's outputs (a missing one makes it run again) and, once that target is done, the content.
/// Evaluation pays for every attribute of every element, so the file is as small as MSBuild lets it be (at 2,000
/// prompts, by an evaluation of the file alone, 343 ms with every value on every element, 172 ms without Link and
/// PackagePath and with the shared values below):
/// <list type="bullet">
/// <item>no condition per item and no second list of outputs;</item>
/// <item>a value most prompts share (the encoding, the compilation of a full run, the language) is an item definition,
/// written once; an element spells out only what differs from it (an empty value included);</item>
/// <item>only TargetPath says where a prompt goes: Link would repeat it, and PackagePath is set when packing.</item>
/// </list>
/// TargetPath is written with <c>$(IvrPromptsTargetFolder)</c> unexpanded: evaluation fills it in, so a changed folder
/// needs no new run, and the targets hand prompts to the SDK without a metadata reference (one that batches per
/// prompt: 0.2 s of a no-op build of 2,000 prompts).
/// </summary>
internal static class PromptItemIndex
{
    private const string CompiledItem = "_IvrLastCompiledPrompt";

    /// <summary>A second list of the outputs that indexes of earlier versions of the package held; still read, so an upgrade removes stale outputs too.</summary>
    private const string LegacyOutputItem = "_IvrLastOutput";

    /// <summary>
    /// The property the index ends with. The targets read an index without it (emptied, or replaced by another file) as
    /// no index at all: the compile target runs again and writes a whole one, instead of a no-op shipping no prompts.
    /// </summary>
    public const string CompleteMarker = "_IvrItemIndexComplete";

    /// <summary>The targets' property for the folder under the output (and the package's content) that prompts go to.</summary>
    private const string TargetFolderProperty = "$(IvrPromptsTargetFolder)";

    /// <summary>The metadata with a compiled prompt's path under the compiled folder ('/'), which its TargetPath ends with.</summary>
    private const string RelativePathName = "IvrRelativePath";

    /// <summary>The index's text for <paramref name="records"/>, compiled into <paramref name="compiledPromptsDirectory"/>.</summary>
    public static string ToText(IReadOnlyList<CompiledPromptRecord> records, string compiledPromptsDirectory)
    {
        var rows = records
            .Select(r => (r.CompiledPath, Metadata: Metadata(r, compiledPromptsDirectory).ToList()))
            .ToList();
        var shared = SharedValues(rows.Select(r => r.Metadata));

        var text = new StringBuilder();
        text.Append("<Project>\n  <!-- Written by the MediaCompiler.Build task after each successful run; imported by its targets. -->\n");
        if (shared.Count > 0)
        {
            text.Append("  <ItemDefinitionGroup>\n    <").Append(CompiledItem).Append('>');
            foreach (var (name, value) in shared)
            {
                text.Append('<').Append(name).Append('>').Append(MSBuildText.AttributeValue(value)).Append("</").Append(name).Append('>');
            }
            text.Append("</").Append(CompiledItem).Append(">\n  </ItemDefinitionGroup>\n");
        }
        text.Append("  <ItemGroup>\n");
        foreach (var (compiledPath, metadata) in rows)
        {
            text.Append("    <").Append(CompiledItem).Append(" Include=\"").Append(MSBuildText.AttributeValue(compiledPath)).Append('"');
            foreach (var (name, value) in metadata)
            {
                // Absent from the element: the item definition's value, or empty when there is none.
                if (value == (shared.TryGetValue(name, out var common) ? common : ""))
                {
                    continue;
                }
                text.Append(' ').Append(name).Append("=\"").Append(MSBuildText.AttributeValue(value)).Append('"');
            }
            var relativePath = metadata.Single(m => m.Name == RelativePathName).Value;
            var (placeName, place) = OutputPlace(relativePath, TargetFolderProperty, MSBuildText.AttributeValue);
            text.Append(' ').Append(placeName).Append("=\"").Append(place).Append("\" />\n");
        }
        text.Append("  </ItemGroup>\n");
        // Last, so that an index cut short or emptied lacks it: the targets then run the work again (see CompleteMarker).
        text.Append("  <PropertyGroup><").Append(CompleteMarker).Append(">true</").Append(CompleteMarker).Append("></PropertyGroup>\n");
        text.Append("</Project>\n");
        return text.ToString();
    }

    /// <summary>
    /// For each metadata name, the value more than one prompt has and no other value has more often (the first such, in
    /// prompt order, on a tie): worth an item definition. Names whose values are all distinct or empty have none.
    /// </summary>
    private static Dictionary<string, string> SharedValues(IEnumerable<List<(string Name, string Value)>> metadata) =>
        metadata.SelectMany(m => m)
            .Where(p => p.Value.Length > 0)
            .GroupBy(p => p) // groups in order of first appearance; MaxBy keeps the first of equals
            .Select(g => (g.Key.Name, g.Key.Value, Count: g.Count()))
            .Where(v => v.Count > 1)
            .GroupBy(v => v.Name)
            .ToDictionary(g => g.Key, g => g.MaxBy(v => v.Count).Value, StringComparer.Ordinal);

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
        (RelativePathName, Path.GetRelativePath(compiledPromptsDirectory, r.CompiledPath).Replace('\\', '/')),
    ];

    /// <summary>
    /// Where a compiled prompt goes under the output folder: TargetPath, <paramref name="targetFolder"/> (the folder's
    /// name, or the property that names it) and the prompt's path under the compiled folder. The SDK copies by it to
    /// the output and publish folders and referencing projects; packing puts it under contentFiles/any/any/.
    /// </summary>
    public static (string Name, string Value) OutputPlace(string relativePath, string targetFolder, Func<string, string> escape) =>
        ("TargetPath", targetFolder + "/" + escape(relativePath));

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
