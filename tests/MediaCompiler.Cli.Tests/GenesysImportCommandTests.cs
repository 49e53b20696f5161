namespace MediaCompiler.Cli.Tests;

/// <summary>
/// <c>ivr-media genesys import</c> as a command (the work itself is tested against the emulator in the Genesys tests:
/// ImportTests): without credentials it says which variables to set and exits 2, writing nothing.
/// </summary>
public sealed class GenesysImportCommandTests
{
    [Fact]
    public void Without_credentials_it_names_the_variables_and_writes_nothing()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GENESYS_CLIENT_ID")))
        {
            return; // a developer's shell with an org configured: the case this test is about does not arise
        }
        var folder = Path.Combine(Path.GetTempPath(), "ivr-import-" + Guid.NewGuid().ToString("N"));

        var run = CliRun.Of("genesys", "import", "--out", folder, "--region", "mypurecloud.ie");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("GENESYS_CLIENT_ID", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Out_is_required()
    {
        var run = CliRun.Of("genesys", "import");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Error, StringComparison.Ordinal);
    }
}
