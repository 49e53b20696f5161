using System.CommandLine;
using System.Text.RegularExpressions;
using MediaCompiler.Codecs.Dsp;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Genesys;
using MediaCompiler.Platforms.Checking;

namespace MediaCompiler.Cli;

/// <summary>
/// <c>ivr-media genesys import --out &lt;folder&gt; [--name &lt;pattern&gt;] [--division &lt;name|id&gt;] [--region &lt;region&gt;]</c>: an org's
/// Architect user prompts into the repository layout (<c>&lt;folder&gt;/&lt;language&gt;/&lt;name&gt;.wav</c>, TTS
/// sidecars, <c>ivr-prompts.props</c> with the texts), tagged so that the next build uploads nothing. Credentials
/// come from the same environment variables as the build (GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET; GENESYS_BASE_URL
/// instead of a region). Only tags are written in the org; a second run resumes.
/// </summary>
internal static class GenesysCommand
{
    public static Command Create(Terminal terminal, TextWriter error)
    {
        var output = new Option<string>("--out") { Description = "The folder to write the prompts into (e.g. prompts).", Required = true };
        var name = new Option<string?>("--name") { Description = "Only prompts whose name matches (a name, or a pattern with * and ?)." };
        var region = new Option<string?>("--region") { Description = "The org's region, e.g. mypurecloud.ie (or set GENESYS_BASE_URL)." };
        var division = new Option<string?>("--division") { Description = "Only prompts of this division (its name or id)." };
        var import = new Command("import", "Write an org's user prompts into the repository layout and mark them as the build's, "
            + "so that the next build uploads nothing. Exit code 0: imported (warnings allowed); 1: a prompt could not be imported; 2: usage or credentials.")
        {
            output,
            name,
            region,
            division,
        };
        import.SetAction((parseResult, cancellationToken) => RunAsync(parseResult.GetValue(output)!, parseResult.GetValue(name),
            parseResult.GetValue(region), parseResult.GetValue(division), terminal, error, cancellationToken));
        return new Command("genesys", "Work with a Genesys Cloud org's Architect user prompts.") { import };
    }

    private static async Task<int> RunAsync(string folder, string? namePattern, string? region, string? division, Terminal terminal, TextWriter error,
        CancellationToken cancellationToken)
    {
        var baseUrl = Environment.GetEnvironmentVariable("GENESYS_BASE_URL");
        var clientId = Environment.GetEnvironmentVariable("GENESYS_CLIENT_ID");
        var secret = Environment.GetEnvironmentVariable("GENESYS_CLIENT_SECRET");
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(secret) || (string.IsNullOrEmpty(region) && string.IsNullOrEmpty(baseUrl)))
        {
            error.WriteLine("ivr-media: set GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET (an OAuth client with architect:userPrompt:view and :edit), "
                + "and --region (e.g. mypurecloud.ie) or GENESYS_BASE_URL.");
            return ExitCodes.UsageError;
        }
        var options = new GenesysSyncOptions
        {
            Region = string.IsNullOrEmpty(baseUrl) ? region : null,
            BaseUrl = string.IsNullOrEmpty(baseUrl) ? null : baseUrl,
            ClientId = clientId,
            ClientSecret = secret,
            Log = message => error.WriteLine(message.Text),
        };
        var work = Path.Combine(Path.GetTempPath(), "ivr-media-import-" + Guid.NewGuid().ToString("N"));
        var log = new CliPipelineLog(terminal);
        try
        {
            var summary = await GenesysImport.RunAsync(
                new GenesysImportRequest(options, folder, NameFilter(namePattern), QualitySettings.Default, SpeechLevelNormalizer.DefaultTargetDbov, work, division),
                log, new ImportProgress(error), cancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in summary.Diagnostics)
            {
                log.Report(diagnostic);
            }
            terminal.Line(($"Imported {summary.Resources} prompt resource(s) into {Path.GetFullPath(folder)}: {summary.Downloaded} downloaded, "
                + $"{summary.Resources - summary.Downloaded} already there or skipped; {summary.Marked} marked for the build.", null));
            terminal.Line(($"Texts: {summary.PropsFile}. Add to the project: <Import Project=\"{Path.GetRelativePath(Environment.CurrentDirectory, summary.PropsFile).Replace('\\', '/')}\" />", null));
            return log.HasErrors ? ExitCodes.Failed : ExitCodes.Success;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>An exact name, or a pattern of <c>*</c> and <c>?</c>; none: every prompt.</summary>
    private static Func<string, bool> NameFilter(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return _ => true;
        }
        var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return regex.IsMatch;
    }

    /// <summary>
    /// On a terminal, a bar redrawn in place on stderr (<c>[#####.....] 123/400</c>); redirected (CI logs, tests), a
    /// line every tenth of the way instead, which reads the same in a log.
    /// </summary>
    private sealed class ImportProgress(TextWriter error) : IProgress<(int Done, int Total)>
    {
        private const int BarWidth = 30;
        private readonly bool _redraw = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        private int _lastTenth = -1;

        public void Report((int Done, int Total) value)
        {
            if (_redraw)
            {
                var filled = value.Total == 0 ? BarWidth : value.Done * BarWidth / value.Total;
                error.Write($"\rivr-media: importing [{new string('#', filled)}{new string('.', BarWidth - filled)}] {value.Done}/{value.Total}");
                if (value.Done == value.Total)
                {
                    error.WriteLine();
                }
                return;
            }
            var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (tenth != _lastTenth)
            {
                _lastTenth = tenth;
                error.WriteLine($"ivr-media: importing {value.Done}/{value.Total}");
            }
        }
    }

    /// <summary>The pipeline's findings on the imported files, printed as validate prints them.</summary>
    private sealed class CliPipelineLog(Terminal terminal) : IPipelineLog
    {
        public bool HasErrors { get; private set; }

        public void Report(Diagnostic diagnostic)
        {
            HasErrors |= diagnostic.IsError;
            terminal.Line((Describe.Canonical(diagnostic, diagnostic.File ?? "ivr-media"), diagnostic.IsError ? Spectre.Console.Color.Red : Spectre.Console.Color.Yellow));
        }

        /// <summary>The checks' own summary lines ("1 checked for quality") would repeat per prompt: the import prints its own.</summary>
        public void Info(string message, bool important = false)
        {
        }
    }
}
