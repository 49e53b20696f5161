using System.Globalization;

namespace MediaCompiler.Contract;

/// <summary>
/// The media API's long poll (2.2): <c>GET /api/v2/media/compile/{id}</c> with <c>Prefer: wait=N</c> (RFC 7240 §4.3)
/// holds the answer while the job is QUEUED or RUNNING, until it ends or N seconds pass (at most
/// <see cref="MaxSeconds"/>), and says <c>Preference-Applied: wait=N</c>. A server without it answers at once and the
/// client's paced polling goes on as before: the header changes when the answer comes, never what it says.
/// </summary>
public static class PreferWait
{
    public const string HeaderName = "Prefer";

    public const string AppliedHeaderName = "Preference-Applied";

    /// <summary>The longest the server holds an answer, whatever is asked: a proxy may close an idle request after a minute.</summary>
    public const int MaxSeconds = 60;

    public static string Header(int seconds) => "wait=" + seconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The seconds a <c>Prefer</c> header's values ask to wait (capped at <see cref="MaxSeconds"/>); null when none asks,
    /// or the value is not a non-negative whole number. Preferences are comma-separated, each <c>name[=value]</c> with
    /// optional <c>;</c> parameters; names are case-insensitive and the value may be quoted.
    /// </summary>
    public static int? Parse(IEnumerable<string?> values)
    {
        foreach (var value in values)
        {
            foreach (var preference in (value ?? "").Split(','))
            {
                var head = preference.Split(';', 2)[0];
                var equals = head.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0 || !head[..equals].Trim().Equals("wait", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var number = head[(equals + 1)..].Trim().Trim('"');
                return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? Math.Min(seconds, MaxSeconds) : null;
            }
        }
        return null;
    }
}
