using System.Buffers.Binary;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Platforms;
using MediaCompiler.Platforms.Checking;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Cli.Tests.Fuzz;

/// <summary>
/// The fuzz suite's open memory finding, closed: Ogg Vorbis files whose setup (or comment) header counts more than its
/// packet holds made NVorbis 0.10.5 size its tables from those counts (34-91 MiB for an 8.5 KB file). They are held to
/// the same memory cap as every prompt (<see cref="PromptMemoryCap.For"/>) and answered as damaged (IVR3120).
/// </summary>
public sealed class VorbisSetupHeaderMemoryTests : IDisposable
{
    private static readonly PromptPlatform MediaApi = PromptPlatform.For(TargetPlatform.MediaApi);
    private static readonly PromptPlatform Genesys = PromptPlatform.For(TargetPlatform.Genesys);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// The five mutants as the fuzz suite found them (Random(2005) over ffmpeg's libvorbis encode of the speech seed;
    /// inserted bytes or bit flips in the setup header, page CRCs made right), kept in tests/fixtures/fuzz.
    /// </summary>
    public static TheoryData<string> FoundMutants() =>
    [
        "vorbis_setup_header_seed2005_181.ogg", "vorbis_setup_header_seed2005_278.ogg", "vorbis_setup_header_seed2005_321.ogg",
        "vorbis_setup_header_seed2005_686.ogg", "vorbis_setup_header_seed2005_896.ogg",
    ];

    [Theory]
    [MemberData(nameof(FoundMutants))]
    public void A_found_mutant_stays_under_the_cap_on_the_build_path_and_the_cli(string name)
    {
        var path = Path.Combine(SpeechFixtures.Root, "fuzz", name);

        AssertUnderCap(path, expectDamaged: false);
    }

    public static TheoryData<string> Lies() => ["codebook-entries", "comment-count", "vendor-length"];

    /// <summary>Generated equivalents: the committed speech prompt (menu_16k.ogg) with one count made a lie, page CRCs right.</summary>
    [Theory]
    [MemberData(nameof(Lies))]
    public void A_header_count_its_packet_cannot_hold_is_damage_answered_under_the_cap(string lie)
    {
        var bytes = SpeechFixtures.Bytes("menu_16k.ogg");
        var comment = IndexOf(bytes, "\u0003vorbis"u8);
        var setup = IndexOf(bytes, "\u0005vorbis"u8);
        switch (lie)
        {
            case "codebook-entries":
                // Setup packet: 7 bytes of type and "vorbis", 1 byte of codebook count, then the first codebook's
                // 24-bit sync pattern and 16-bit dimensions: its 24-bit entry count is byte-aligned at 13.
                Assert.Equal(0x42, bytes[setup + 8]);
                bytes[setup + 13] = bytes[setup + 14] = bytes[setup + 15] = 0xFF;
                break;
            case "comment-count":
                var vendor = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(comment + 7));
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(comment + 11 + vendor), int.MaxValue);
                break;
            default:
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(comment + 7), int.MaxValue);
                break;
        }

        OggPageCrc.Recompute(bytes);
        var path = Path.Combine(_temp.Root, lie + ".ogg");
        File.WriteAllBytes(path, bytes);

        AssertUnderCap(path, expectDamaged: true);
    }

    [Fact]
    public void The_intact_prompt_is_still_accepted()
    {
        var path = Path.Combine(_temp.Root, "intact.ogg");
        File.WriteAllBytes(path, SpeechFixtures.Bytes("menu_16k.ogg"));

        var verdict = PromptChecks.Run(Genesys.ValidateFile(path), Genesys, QualitySettings.Default).Validation;

        Assert.True(verdict.IsValid, string.Join("; ", verdict.Diagnostics.Select(d => $"{d.Code} {d.Message}")));
    }

    private static void AssertUnderCap(string path, bool expectDamaged)
    {
        var cap = PromptMemoryCap.For(new FileInfo(path).Length);
        foreach (var platform in new[] { MediaApi, Genesys })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var verdict = PromptChecks.Run(platform.ValidateFile(path), platform, QualitySettings.Default).Validation;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated <= cap, $"{Path.GetFileName(path)} on {platform.Name}: {allocated:N0} bytes allocated, cap {cap:N0}");
            Assert.False(verdict.IsValid);
            if (expectDamaged && platform == Genesys)
            {
                // Genesys converts: the decoder's IVR3120 comes inside the conversion's IVR1200.
                Assert.True(
                    verdict.Diagnostics.Any(d => $"{d.Code} {d.Message}".Contains("IVR3120", StringComparison.Ordinal) && d.Message.Contains(" header", StringComparison.Ordinal)),
                    string.Join("; ", verdict.Diagnostics.Select(d => $"{d.Code} {d.Message}")));
            }
        }

        // The CLI's pair, measured together as the fuzz suite does: probe then validate, what a user runs on one file.
        var start = GC.GetAllocatedBytesForCurrentThread();
        var probe = CliRun.Of("probe", path);
        var validate = CliRun.Of("validate", "--platform", "genesys", path);
        var pair = GC.GetAllocatedBytesForCurrentThread() - start;

        Assert.True(probe.ExitCode is 0 or 1 && validate.ExitCode == 1, probe.Output + probe.Error + validate.Output + validate.Error);
        Assert.True(pair <= cap, $"{Path.GetFileName(path)}, probe and validate: {pair:N0} bytes allocated, cap {cap:N0}");
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> pattern)
    {
        var at = bytes.AsSpan().IndexOf(pattern);
        Assert.True(at >= 0, "header not found in the fixture");
        return at;
    }
}
