using System.CommandLine;
using System.CommandLine.Parsing;

namespace MediaCompiler.Cli;

/// <summary>
/// System.CommandLine hands an unknown option such as <c>--jsn</c> to a path argument as if it were a file name.
/// A typo in an option is a usage error, not a file that does not exist.
/// </summary>
internal static class UnknownOptions
{
    public static void RejectIn(Argument argument) => argument.Validators.Add(Validate);

    private static void Validate(ArgumentResult result)
    {
        foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value.StartsWith('-')))
        {
            result.AddError($"Unknown option '{token.Value}'. (A file whose name starts with '-' can be given as ./{token.Value}.)");
        }
    }
}
