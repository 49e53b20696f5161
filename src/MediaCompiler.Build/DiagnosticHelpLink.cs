using System.Text;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Build;

/// <summary>
/// The link from a code to its entry in docs/diagnostics.md. Each entry is a heading "IVR2001: Unknown output encoding",
/// so its anchor is the heading as GitHub (and most Markdown viewers) slug it: "ivr2001-unknown-output-encoding".
/// </summary>
internal static class DiagnosticHelpLink
{
    /// <param name="documentUrl">docs/diagnostics.md: the copy inside the package (file URI) or a web address.</param>
    public static string? For(string? documentUrl, string code)
    {
        if (string.IsNullOrWhiteSpace(documentUrl))
        {
            return null;
        }
        var descriptor = DiagnosticCatalog.Find(code);
        var anchor = descriptor is null ? code.ToLowerInvariant() : Slug($"{descriptor.Code}: {descriptor.Title}");
        return $"{documentUrl.Trim()}#{anchor}";
    }

    /// <summary>GitHub's heading slug: lower case; letters, digits, '-' and '_' kept; spaces become '-'; the rest dropped.</summary>
    public static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (var character in heading.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(character) || character is '-' or '_')
            {
                slug.Append(character);
            }
            else if (character == ' ')
            {
                slug.Append('-');
            }
        }
        return slug.ToString();
    }
}
