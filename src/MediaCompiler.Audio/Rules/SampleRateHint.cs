using System.Globalization;
using System.Text.RegularExpressions;

namespace MediaCompiler.Audio.Rules;

/// <summary>
/// A sample rate written in a file name ("prompt_8000Hz.wav", "menu-16000hz.mp3", "intro 16kHz.wav"), which people
/// use as a promise about the content; the validator warns when the content breaks it.
/// </summary>
public static partial class SampleRateHint
{
    /// <summary>The rate the name of <paramref name="fileName"/> claims, in Hz, or null when it claims none.</summary>
    public static int? Parse(string fileName)
    {
        var match = HintPattern().Match(System.IO.Path.GetFileNameWithoutExtension(fileName));
        if (!match.Success)
        {
            return null;
        }

        var value = decimal.Parse(match.Groups["value"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
        var hz = match.Groups["kilo"].Success ? value * 1000 : value;
        return hz is >= 1000 and <= 768_000 && hz == decimal.Truncate(hz) ? (int)hz : null;
    }

    // Digits not glued to other digits, an optional separator, then "Hz" or "kHz" not followed by a letter.
    [GeneratedRegex(@"(?<![0-9.,])(?<value>\d{1,6}(?:[.,]\d{1,3})?)[ _-]?(?<kilo>k)?hz(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HintPattern();
}
