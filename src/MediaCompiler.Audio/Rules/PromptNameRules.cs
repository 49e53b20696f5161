using System.Text.RegularExpressions;

namespace MediaCompiler.Audio.Rules;

/// <summary>
/// The names a prompt file gives its prompt. The NodeId rule is the build's (MediaCompiler.Pipeline SettingsParser,
/// IVR2021), copied here so that the CLI applies it too; the build can call <see cref="IsValidNodeId"/> instead of its
/// own copy. Genesys Cloud's prompt-name rule comes from its bulk-import guidelines (letters, digits and underscores,
/// starting with a letter, at most 200 characters).
/// </summary>
public static partial class PromptNameRules
{
    /// <summary>The NodeId a prompt takes from its file name when no NodeId metadata is set.</summary>
    public static string NodeIdFromFileName(string path) => System.IO.Path.GetFileNameWithoutExtension(path);

    public static bool IsValidNodeId(string nodeId) => NodeIdPattern().IsMatch(nodeId);

    public static bool IsValidGenesysName(string name) => GenesysNamePattern().IsMatch(name);

    /// <summary>A Genesys-acceptable name close to <paramref name="name"/>: other characters become '_', a leading
    /// non-letter gets a "p_" prefix, and the result is cut to 200 characters.</summary>
    public static string SuggestGenesysName(string name)
    {
        var cleaned = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        var named = cleaned.Length > 0 && char.IsAsciiLetter(cleaned[0]) ? cleaned : "p_" + cleaned;
        return named.Length > 200 ? named[..200] : named;
    }

    /// <summary>
    /// A valid NodeId derived from an invalid one (so from that file's name): accents dropped ("señal" → "senal"),
    /// letters that have no accent to drop spelled in ASCII ("straße" → "strasse"), every other disallowed character
    /// a '-', leading punctuation removed, cut to 128. With <paramref name="taken"/> (case-insensitive), "-2", "-3" …
    /// make it one no other prompt has, and it is added there.
    /// </summary>
    public static string ProposeNodeId(string nodeId, ISet<string>? taken = null)
    {
        var proposal = Propose(nodeId);
        if (taken is null)
        {
            return proposal;
        }

        var unique = proposal;
        for (var n = 2; taken.Contains(unique); n++)
        {
            var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            unique = (proposal.Length + suffix.Length > 128 ? proposal[..(128 - suffix.Length)] : proposal) + suffix;
        }

        taken.Add(unique);
        return unique;
    }

    private static string Propose(string nodeId)
    {
        var proposal = new System.Text.StringBuilder(nodeId.Length);
        foreach (var character in nodeId.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(character) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(character) || character is '-' or '_' or '.')
            {
                proposal.Append(character);
                continue;
            }
            proposal.Append(character switch
            {
                'ß' => "ss", 'æ' => "ae", 'Æ' => "AE", 'œ' => "oe", 'Œ' => "OE", 'ø' => "o", 'Ø' => "O",
                'ł' => "l", 'Ł' => "L", 'đ' => "d", 'Đ' => "D", 'þ' => "th", 'Þ' => "Th", _ => "-",
            });
        }
        var text = proposal.ToString().TrimStart('-', '_', '.');
        text = text.Length > 128 ? text[..128] : text;
        // Nothing ASCII left (a name in another script): a short hash keeps proposals for different files different.
        return text.Length == 0
            ? "prompt-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(nodeId)))[..8].ToLowerInvariant()
            : text;
    }


    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex NodeIdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,199}$")]
    private static partial Regex GenesysNamePattern();
}
