using System.CommandLine;
using MediaCompiler.Audio.Rules;

namespace MediaCompiler.Cli;

/// <summary><c>--platform media-api|genesys</c>, shared by validate and fix.</summary>
internal static class PlatformOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--platform")
        {
            Description = "Where the prompts go: media-api (the default: the media engine's rules) or genesys (Genesys Cloud Architect).",
            DefaultValueFactory = _ => "media-api",
        };
        option.AcceptOnlyFromAmong("media-api", "genesys");
        return option;
    }

    public static TargetPlatform Read(ParseResult parseResult, Option<string> option) =>
        TargetPlatforms.Parse(parseResult.GetValue(option)) ?? TargetPlatform.MediaApi;
}
