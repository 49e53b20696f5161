using System.Text;

namespace MediaCompiler.Diagnostics;

/// <summary>How a diagnostic's templates read to people (docs/diagnostics.md, SARIF rules, <c>ivr-media codes</c>).</summary>
public static class DiagnosticText
{
    /// <summary>
    /// A message template as readers see it: each <c>{0}</c> / <c>{1:F1}</c> placeholder becomes <c>&lt;…&gt;</c> and
    /// doubled braces become single ones.
    /// </summary>
    public static string ShowPlaceholders(string template)
    {
        var text = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                text.Append(c);
                i++;
            }
            else if (c == '{' && template.IndexOf('}', i) is var end and > 0)
            {
                text.Append("<…>");
                i = end;
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
