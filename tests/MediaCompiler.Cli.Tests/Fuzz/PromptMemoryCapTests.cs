using System.Buffers.Binary;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Platforms;
using MediaCompiler.Platforms.Checking;

namespace MediaCompiler.Cli.Tests.Fuzz;

/// <summary>
/// Issue 20, item 1: memory per prompt bounded by <see cref="PromptMemoryCap"/> (64 × the file's size + 32 MiB, at
/// most 256 MiB), on the build's path (the per-prompt check <c>PromptValidationStep</c> runs) and on the CLI's
/// (<c>validate</c>, <c>probe</c>), for the largest valid prompt and for headers that claim what no prompt holds.
/// </summary>
public sealed class PromptMemoryCapTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Files() => ["largest-valid", "536-MHz", "65535-channels", "sparse-1.9-GB"];

    [Theory]
    [MemberData(nameof(Files))]
    public void The_build_path_stays_under_the_cap_on_both_platforms(string kind)
    {
        var path = Make(kind);
        var cap = PromptMemoryCap.For(new FileInfo(path).Length);

        foreach (var platform in new[] { PromptPlatform.For(TargetPlatform.MediaApi), PromptPlatform.For(TargetPlatform.Genesys) })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var verdict = PromptChecks.Run(platform.ValidateFile(path), platform, QualitySettings.Default).Validation;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(kind == "largest-valid", verdict.IsValid);
            Assert.True(allocated <= cap, $"{kind} on {platform.Name}: {allocated:N0} bytes allocated, cap {cap:N0}");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_cli_stays_under_the_cap(string kind)
    {
        var path = Make(kind);
        var cap = PromptMemoryCap.For(new FileInfo(path).Length);

        foreach (var command in new[] { new[] { "validate", path }, ["validate", "--platform", "genesys", path], ["probe", path] })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var run = CliRun.Of(command);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(run.ExitCode is 0 or 1, run.Output + run.Error);
            Assert.True(allocated <= cap, $"{kind}, {string.Join(' ', command[..^1])}: {allocated:N0} bytes allocated, cap {cap:N0}");
        }
    }

    /// <summary>
    /// The largest prompt the media API takes (60 s of 16 kHz 16-bit PCM, 1.92 MB), and hostile headers: a rate of
    /// 536,870,912 Hz, 65,535 channels, and a 1.9 GB sparse file whose data chunk claims 0xFFFFFFFF bytes.
    /// </summary>
    private string Make(string kind)
    {
        switch (kind)
        {
            case "largest-valid":
                return _temp.Wav("largest.wav", sampleRate: 16000, seconds: 60, amplitude: TempFolder.TargetLevelAmplitude);
            case "536-MHz":
                return Patch(_temp.Wav("rate.wav", seconds: 1.5), 24, 536_870_912u, 4);
            case "65535-channels":
                return Patch(_temp.Wav("channels.wav", seconds: 1.5), 22, 65_535u, 2);
            default:
                var path = _temp.Wav("sparse.wav", seconds: 1);
                Patch(path, 40, 0xFFFFFFFFu, 4);
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    stream.SetLength(1_900_000_000); // sparse: no disk blocks behind the hole
                }

                return path;
        }
    }

    private static string Patch(string path, int offset, uint value, int width)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Position = offset;
        stream.Write(bytes[..width]);
        return path;
    }
}
