using System.CommandLine;
using MediaCompiler.Cli.Checking;
using MediaCompiler.Pipeline;

namespace MediaCompiler.Cli.Tests.Quality;

/// <summary>The CLI's defaults are the build's: validate with no option checks with the build's limits and levelling.</summary>
public sealed class QualityDefaultsTests
{
    [Fact]
    public void Validate_without_options_uses_the_builds_quality_settings()
    {
        var options = new QualityOptions();
        var command = new RootCommand();
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        var read = options.Read(command.Parse([]));

        Assert.Equal(BuildDefaults.Quality, read.Thresholds);
        Assert.Equal(BuildDefaults.QualityChecks, read.Enabled);
        Assert.Equal(BuildDefaults.NormalizeVolume, read.LevelsAudio);
    }
}
