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

    /// <summary>MSBuild's unescaping: every <c>%XX</c> of two hex digits becomes its character.</summary>
    public static string Unescape(string escaped)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        var text = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '%' && i + 2 < escaped.Length && Uri.IsHexDigit(escaped[i + 1]) && Uri.IsHexDigit(escaped[i + 2]))
            {
                text.Append((char)Convert.ToInt32(escaped.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                text.Append(escaped[i]);
            }
        }
        return text.ToString();
    }
}
