using System.IO.Compression;
using System.Text;
using MediaCompiler.Build.Tests.Support;
using MediaCompiler.Emulator;
using MediaCompiler.Emulator.Configuration;

namespace MediaCompiler.Build.Tests.EndToEnd;

/// <summary>
/// Issue 8 against the emulator, with the packed package: a project's own AfterIvrCompile runs, the summary shows under
/// the terminal logger, switching the client id re-runs the work, and a build failed by a promoted warning stays failed.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class PackageRemoteBuildTests : IAsyncLifetime
{
    private const string CompileRoute = "POST /api/v2/media/compile";

    private readonly PackedPackageFixture _package;
    private readonly TempDirectory _temp = new();
    private RunningEmulator _emulator = null!;
    private string _sample = "";

    public PackageRemoteBuildTests(PackedPackageFixture package) => _package = package;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync(EmulatorSettings.LoadDefaults());
        _sample = _package.CopySample(_temp.Combine("sample"));
        // The documented extension point, defined the way a user does: in the project, after the package's .props.
        var project = Path.Combine(_sample, "sample-ivr-project.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("</Project>", """
              <Target Name="AfterIvrCompile">
                <WriteLinesToFile File="$(MSBuildProjectDirectory)/after-ivr-compile.txt" Lines="@(IvrPrompt->Count())" Overwrite="true" />
              </Target>
            </Project>
            """));
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        _temp.Dispose();
    }

    private Dictionary<string, string> Environment(string? clientId = null) => new()
    {
        ["NUGET_PACKAGES"] = _package.PackagesFolder,
        ["GENESYS_BASE_URL"] = _emulator.BaseAddress.ToString(),
        ["GENESYS_CLIENT_ID"] = clientId ?? _emulator.ClientId,
        ["GENESYS_CLIENT_SECRET"] = _emulator.ClientSecret,
    };

    private Task<DotnetCli.Result> BuildAsync(IReadOnlyDictionary<string, string> environment, params string[] extra) =>
        DotnetCli.RunAsync(_sample, environment, ["build", "-nodeReuse:false", "--nologo", .. extra]);

    private int Compiles => _emulator.RequestCounts.GetValueOrDefault(CompileRoute);

    [Fact]
    public async Task Extension_point_summary_org_switch_and_warnaserror_behave()
    {
        var first = await BuildAsync(Environment(), "--tl:on");
        Assert.True(first.Succeeded, first.Output);
        // The terminal logger prints the summary on the project's result line ("sample-ivr-project succeeded → ...").
        Assert.Contains(first.Output.Split('\n'), line => line.Contains("sample-ivr-project") && line.Contains("IVR prompts: 5 compiled for flow"));
        Assert.Equal("5", File.ReadAllText(Path.Combine(_sample, "after-ivr-compile.txt")).Trim());
        Assert.Equal(1, Compiles);

        // Another org on the same URL: the build is not up to date; this client id is unknown, so it fails, on the project.
        var otherOrg = await BuildAsync(Environment(clientId: "another-org-client"));
        Assert.False(otherOrg.Succeeded, otherOrg.Output);
        Assert.Contains(otherOrg.Output.Split('\n'), line =>
            line.TrimStart().StartsWith(Path.Combine(_sample, "sample-ivr-project.csproj"), StringComparison.Ordinal) && line.Contains("error IVR4001"));
        Assert.Equal(1, Compiles);

        // A changed prompt, and an audit log path that is a folder (warning IVR5003) promoted to an error: the build
        // fails, and the rerun runs the task again and fails again (no stamp was written). The rerun compiles nothing:
        // the changed prompt's output is in the prompt cache; its audit line (UP_TO_DATE) meets the same folder.
        TestAudio.WriteTone(Path.Combine(_sample, "prompts", "welcome.wav"), 523);
        var auditFolder = Directory.CreateDirectory(_temp.Combine("audit-is-a-folder")).FullName;
        foreach (var attempt in new[] { 2, 3 })
        {
            var promoted = await BuildAsync(Environment(), "-warnaserror", "-p:IvrAuditLogPath=" + auditFolder);
            Assert.False(promoted.Succeeded, promoted.Output);
            Assert.Contains("IVR5003", promoted.Output);
            Assert.Equal(2, Compiles);
        }

        var fixedBuild = await BuildAsync(Environment());
        Assert.True(fixedBuild.Succeeded, fixedBuild.Output);
        var countsAfterFix = _emulator.RequestCounts;
        Assert.True((await BuildAsync(Environment(), "-question")).Succeeded);
        Assert.Equal(countsAfterFix, _emulator.RequestCounts);
    }

    [Fact]
    public async Task The_client_secret_reaches_no_build_log_binary_log_or_file_under_obj()
    {
        var secret = _emulator.ClientSecret;
        var binlog = _temp.Combine("build.binlog");
        var replayLog = _temp.Combine("replay.log");

        var build = await BuildAsync(Environment(), "-bl:" + binlog, "-v:diag");
        Assert.True(build.Succeeded, build.Output);
        // The binary log replayed at full detail (what MSBuild recorded of the environment included), and its bytes.
        var replay = await DotnetCli.RunAsync(_sample, new Dictionary<string, string>(), ["msbuild", binlog, "-noconlog", $"-flp:v=diag;logfile={replayLog}"]);
        Assert.True(replay.Succeeded, replay.Output);
        using var unpacked = new MemoryStream();
        await using (var gzip = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(unpacked);
        }

        Assert.Contains(_emulator.ClientId, File.ReadAllText(replayLog)); // the replay holds what the build logged
        Assert.DoesNotContain(secret, build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, File.ReadAllText(replayLog), StringComparison.Ordinal);
        Assert.Equal(-1, unpacked.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_sample, "obj"), "*", SearchOption.AllDirectories))
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, file);
        }
    }
}
