using MediaCompiler.Codecs.Decoding.Vorbis;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// The setup-header check refuses nothing a real encoder writes: files encoded at test time by ffmpeg's libvorbis (an
/// encoder we did not write) at the extremes of rate, channels and quality pass it, their codebook tables far inside
/// <see cref="VorbisSetupCheck.TableBudget"/>.
/// </summary>
public sealed class VorbisSetupCheckTests(ITestOutputHelper output)
{
    [FfmpegTheory]
    [InlineData(8000, 1, "-1")]
    [InlineData(16000, 1, "3")]
    [InlineData(44100, 2, "10")]
    [InlineData(48000, 2, "-1")]
    public void Real_libvorbis_headers_pass_well_inside_the_budget(int rate, int channels, string quality)
    {
        var folder = Directory.CreateTempSubdirectory("ivr-vorbis-setup-");
        try
        {
            var path = Path.Combine(folder.FullName, "encoded.ogg");
            Ffmpeg.Run(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate={rate}:duration=1", "-ac", channels.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-c:a", "libvorbis", "-q:a", quality, path]);
            var bytes = File.ReadAllBytes(path);

            var tables = VorbisSetupCheck.TableBytes(bytes);
            output.WriteLine($"{rate} Hz, {channels} ch, q{quality}: {tables:N0} bytes of codebook tables");

            Assert.Null(VorbisSetupCheck.Check(bytes));
            Assert.InRange(tables, 1, VorbisSetupCheck.TableBudget / 4);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
