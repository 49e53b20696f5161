using System.Text;

namespace MediaCompiler.Diagnostics;

/// <summary>
/// File names inside the commands a fix proposes: the templates put them in double quotes, where a POSIX shell still
/// expands <c>$</c> and backquotes and ends the string at <c>"</c>. Those three (and the backslash that would escape
/// them) are escaped, so that a pasted command reads the file it names and runs nothing else. A name without them, the
/// usual case, is left exactly as it is.
/// </summary>
public static class ShellText
{
    public static string InDoubleQuotes(string text)
    {
        if (text.IndexOfAny(['$', '`', '"']) < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '$' or '`' or '"' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
