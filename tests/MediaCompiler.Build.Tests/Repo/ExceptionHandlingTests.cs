using System.Text.RegularExpressions;
using MediaCompiler.Build.Tests.Support;

namespace MediaCompiler.Build.Tests.Repo;

/// <summary>
/// No swallowed exception in src/: every catch either names what it expects (a type other than Exception, or a
/// <c>when</c> filter), or rethrows, or uses the exception it caught (reports it, keeps it). And no catch is silent
/// about why: an empty body needs a comment saying why nothing is left to do.
/// </summary>
public sealed partial class ExceptionHandlingTests
{
    public static TheoryData<string> SourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repository.Root, file).Replace('\\', '/'));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void No_catch_swallows_an_exception(string file)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, file));
        var problems = new List<string>();
        foreach (Match clause in CatchClause().Matches(text))
        {
            var open = text.IndexOf('{', clause.Index + clause.Length - 1);
            var body = BodyAt(text, open);
            var line = text[..clause.Index].Count(c => c == '\n') + 1;
            var type = clause.Groups["type"].Value;
            var variable = clause.Groups["name"].Value;
            var filtered = clause.Groups["when"].Success;
            var catchAll = type is "" or "Exception" or "System.Exception";
            var rethrows = ThrowStatement().IsMatch(body);
            var usesException = variable.Length > 0 && Regex.IsMatch(body, $@"\b{Regex.Escape(variable)}\b");
            var code = Comment().Replace(body, "").Trim();
            var explained = Comment().IsMatch(body);

            if (catchAll && !filtered && !rethrows && !usesException)
            {
                problems.Add($"{file}:{line}: catches every exception and neither rethrows nor reports it");
            }
            if (code.Length == 0 && !explained)
            {
                problems.Add($"{file}:{line}: an empty catch with no comment saying why nothing is left to do");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_scan_finds_a_swallowing_catch()
    {
        // The scanner itself must be able to fail: a catch-all that drops the exception is caught by the same rules.
        const string swallowing = "try { Work(); } catch (Exception) { }";
        var clause = CatchClause().Match(swallowing);
        Assert.True(clause.Success);
        Assert.Equal("Exception", clause.Groups["type"].Value);
        Assert.False(clause.Groups["when"].Success);
        Assert.Equal("", Comment().Replace(BodyAt(swallowing, swallowing.IndexOf('{', clause.Index)), "").Trim());
    }

    /// <summary>The text between the brace at <paramref name="open"/> and its matching close brace.</summary>
    private static string BodyAt(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[(open + 1)..i];
            }
        }
        return text[(open + 1)..];
    }

    [GeneratedRegex(@"\bcatch\s*(?:\(\s*(?<type>[A-Za-z_][A-Za-z0-9_.]*)\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)?\s*\))?\s*(?<when>when\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))?\s*\{")]
    private static partial Regex CatchClause();

    [GeneratedRegex(@"\bthrow\b")]
    private static partial Regex ThrowStatement();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();
}
