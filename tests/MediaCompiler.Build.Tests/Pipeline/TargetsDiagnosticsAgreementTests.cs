using System.Text.RegularExpressions;
using System.Xml.Linq;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>
/// The warnings and errors the targets raise themselves (no task is loaded for them) against the one catalogue: each
/// code exists there with the same severity, its HelpLink points at the code's entry in docs/diagnostics.md, and its
/// text is the catalogue's message and fix, with MSBuild properties where the catalogue has placeholders.
/// </summary>
public sealed partial class TargetsDiagnosticsAgreementTests
{
    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    public static TheoryData<string> Raised()
    {
        var data = new TheoryData<string>();
        foreach (var code in RaisedElements().Select(e => (string)e.Attribute("Code")!).Distinct())
        {
            data.Add(code);
        }
        return data;
    }

    private static IEnumerable<XElement> RaisedElements() =>
        XDocument.Load(Repository.TargetsFile).Descendants()
            .Where(e => e.Name.LocalName is "Warning" or "Error" && e.Attribute("Code") is not null);

    [Theory]
    [MemberData(nameof(Raised))]
    public void A_diagnostic_of_the_targets_is_the_catalogues(string code)
    {
        var descriptor = DiagnosticCatalog.Find(code);
        Assert.NotNull(descriptor);
        foreach (var element in RaisedElements().Where(e => (string)e.Attribute("Code")! == code))
        {
            Assert.Equal(descriptor.Severity == DiagnosticSeverity.Error ? "Error" : "Warning", element.Name.LocalName);
            Assert.Equal(code, (string?)element.Attribute("HelpKeyword"));
            Assert.EndsWith("#" + DiagnosticHelpLink.Slug($"{descriptor.Code}: {descriptor.Title}"), (string?)element.Attribute("HelpLink"));
            var text = (string)element.Attribute("Text")!;
            var fix = text.IndexOf(" Fix: ", StringComparison.Ordinal);
            Assert.True(fix > 0, $"{code}: no ' Fix: ' in the text");
            AssertFilled(descriptor.MessageFormat, text[..fix], code);
            AssertFilled(descriptor.Fix, text[(fix + " Fix: ".Length)..], code);
        }
    }

    /// <summary>Every literal part of <paramref name="format"/>, in order, and nothing before the first or after the last.</summary>
    private static void AssertFilled(string format, string text, string code)
    {
        var parts = Placeholder().Replace(format, "\u0000").Split('\u0000').ToList();
        Assert.StartsWith(parts[0], text);
        Assert.EndsWith(parts[^1], text);
        var at = 0;
        foreach (var part in parts)
        {
            var found = text.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"{code}: '{part}' is not in the targets' text '{text}' (after position {at})");
            at = found + part.Length;
        }
    }
}
