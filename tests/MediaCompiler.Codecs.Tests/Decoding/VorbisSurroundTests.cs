using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Tests.ReferenceMatrix;
using MediaCompiler.TestSupport;
using Xunit.Abstractions;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// Ogg Vorbis of more than two channels, as libvorbis (through ffmpeg) encodes surround: NVorbis, the in-process
/// decoder, turns these streams into noise (measured: a 5.1 file of a tone in one channel decoded to clicks at the
/// wrong level, SNR below 0 dB against ffmpeg). So the in-process path refuses them with IVR3121, never a wrong
/// signal, and the engine hands them to ffmpeg (IVR3122), whose decode is mixed as every other decoder mixes: the
/// equal average of the channels.
/// </summary>
public sealed class VorbisSurroundTests(ITestOutputHelper output)
{
    [FfmpegTheory]
    [InlineData(4)]
    [InlineData(6)]
    public void Surround_vorbis_is_refused_in_process_and_decoded_by_the_engine_through_ffmpeg(int channels)
    {
        var ogg = ReferenceDecodes.Encode(Signals.Surround(48000, channels, 1.0), 48000, channels, "ogg", "-c:a", "libvorbis", "-q:a", "4");
        var probe = AudioProbe.Probe(new MemoryStream(ogg, writable: false), "surround.ogg");

        var inProcess = PromptDecoder.Decode(ogg, "surround.ogg", probe);
        var engine = new EngineDecoder(Ffmpeg.Path, TimeSpan.FromMinutes(1)).DecodeAsync(ogg, "surround.ogg", probe, CancellationToken.None).GetAwaiter().GetResult();

        Assert.Equal(channels, probe.Channels);
        Assert.False(PromptDecoder.CanDecode(probe));
        Assert.Null(inProcess.Audio);
        Assert.Equal("IVR3121", inProcess.Error!.Code);
        Assert.Contains($"with {channels} channels", inProcess.Error.Message, StringComparison.Ordinal);
        var audio = engine.Audio ?? throw new Xunit.Sdk.XunitException(engine.Error!.ToString());
        Assert.Contains(engine.Warnings, w => w.Code == "IVR3122");
        var reference = ReferenceDecodes.DecodeMono(ogg, "ogg", "vorbis", FfmpegDecoder.OutputRate, channels);
        var comparison = MatrixComparison.Measure(audio.Samples, reference, FfmpegDecoder.OutputRate, FfmpegDecoder.OutputRate / 100);
        output.WriteLine($"{channels} channels through ffmpeg: {comparison}");
        Assert.Equal(0, comparison.Lag);
        // The fallback's samples are 16-bit: 16-bit rounding of the same average, not another mix (which would be dB off).
        Assert.True(comparison.SnrDb >= 60, comparison.ToString());
    }
}
