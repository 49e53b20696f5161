using System.Text;
using MediaCompiler.Cli;

// Prompt paths, ✓/✗ marks and the diagnostics document are UTF-8 whatever the terminal's locale says.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
return CliApp.Run(args, Console.Out, Console.Error);
