using System.Text;
using System.Text.RegularExpressions;

namespace MediaCompiler.Cli.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CurrentDirectoryCollection
{
    /// <summary>Tests that change the process's current directory run alone.</summary>
    public const string Name = "current directory";
}

/// <summary>
/// Docs that run: every <c>dotnet run --project src/MediaCompiler.Cli -- …</c> command in README.md and docs/*.md is
/// run as written, from the repository root where the README says to run it (the CLI in-process, so it costs no
/// build), and must not be a usage error (exit 2); every script, project and folder the docs tell a reader to use
/// exists.
/// </summary>
[Collection(CurrentDirectoryCollection.Name)]
public sealed partial class DocsCommandTests
{
    private static IEnumerable<(string Doc, string Text)> Docs() =>
        new[] { Path.Combine(Repository.Root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md"))
            .Select(path => (Path.GetRelativePath(Repository.Root, path), File.ReadAllText(path)));

    public static TheoryData<string, string> CliCommands()
    {
        var data = new TheoryData<string, string>();
        foreach (var (doc, text) in Docs())
        {
            foreach (var command in CliCommand().Matches(text).Select(m => m.Groups["args"].Value.Trim()).Distinct())
            {
                data.Add(doc, command);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CliCommands))]
    public void Each_documented_cli_command_runs_from_the_repository_root(string doc, string command)
    {
        var args = ShellWords(command);
        var sarif = args.SkipWhile(a => a != "--sarif").Skip(1).FirstOrDefault();
        var sarifExisted = sarif is not null && File.Exists(Path.Combine(Repository.Root, sarif));
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Repository.Root;
        CliRun run;
        try
        {
            Assert.DoesNotContain("--in-place", args); // a documented command run by a test must not rewrite the repository
            run = CliRun.Of([.. args]);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            if (sarif is not null && !sarifExisted)
            {
                File.Delete(Path.Combine(Repository.Root, sarif));
            }
        }

        Assert.True(run.ExitCode is 0 or 1, $"{doc}: `{command}` exited {run.ExitCode}: {run.Error}{run.Output}");
        Assert.DoesNotContain("no such file", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_docs_have_cli_commands_to_run()
    {
        // The theory above proves nothing if the pattern stops finding commands.
        Assert.True(CliCommands().Count >= 6);
    }

    [Fact]
    public void Every_script_project_and_folder_the_docs_name_exists()
    {
        var missing = new List<string>();
        foreach (var (doc, text) in Docs())
        {
            foreach (Match path in RepositoryPath().Matches(text))
            {
                var relative = path.Groups["path"].Value.TrimEnd('/', '.', ',');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue; // what a build writes, named as where to find its output
                }
                if (!File.Exists(Path.Combine(Repository.Root, relative)) && !Directory.Exists(Path.Combine(Repository.Root, relative)))
                {
                    missing.Add($"{doc}: {relative}");
                }
            }
        }

        Assert.True(missing.Count == 0, "named in the docs but not in the repository: " + string.Join(", ", missing.Distinct()));
    }

    /// <summary>Splits a command line as a POSIX shell does for the simple cases the docs use: quotes, no escapes.</summary>
    private static List<string> ShellWords(string command)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        var inWord = false;
        foreach (var c in command)
        {
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(current.ToString());
        }
        return words;
    }

    [GeneratedRegex(@"dotnet run --project src/MediaCompiler\.Cli -- (?<args>[^`\n#]+)")]
    private static partial Regex CliCommand();

    /// <summary>Paths the docs tell a reader to run or open: scripts under build/, projects and samples, source folders.</summary>
    [GeneratedRegex(@"(?<![\w/.-])(?<path>(?:build/[\w.-]+\.sh|src/MediaCompiler\.[\w.]+(?:/[\w.-]+)*|tests/MediaCompiler\.[\w.]+|sample-(?:ivr|genesys)-project(?:/[\w.-]+)*|bench/[\w.]+))")]
    private static partial Regex RepositoryPath();
}
