using System.Text;

namespace MediaCompiler.Diagnostics;

/// <summary>
/// Text a fix proposes for a project file. A path pasted into <c>&lt;IvrPrompt Update="…" /&gt;</c> must mean the
/// same file to MSBuild: its special characters escaped as MSBuild escapes them (<c>%XX</c>: <c>;</c> would split
/// the item, <c>$( @( %(</c> would be expanded, <c>* ?</c> would glob, <c>%</c> would start an escape), then the XML
/// ones (<c>&amp; &lt; "</c>), so the pasted line is well-formed and matches the item it names.
/// </summary>
public static class MSBuildText
{
    private const string MSBuildSpecial = "%;$@'()*?";

    public static string AttributeValue(string itemSpec)
    {
        ArgumentNullException.ThrowIfNull(itemSpec);
        var text = new StringBuilder(itemSpec.Length + 8);
        foreach (var c in itemSpec)
        {
            if (MSBuildSpecial.Contains(c, StringComparison.Ordinal))
            {
                text.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    _ => c.ToString(),
                });
            }
        }
        return text.ToString();
    }
}
