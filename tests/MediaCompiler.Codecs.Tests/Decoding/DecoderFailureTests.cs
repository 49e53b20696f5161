using MediaCompiler.Codecs.Decoding;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>Errors blame the right culprit: a third-party decoder's exception is the file's damage; ours is our bug.</summary>
public sealed class DecoderFailureTests
{
    [Fact]
    public void An_exception_thrown_inside_a_third_party_decoder_is_input_damage()
    {
        // NVorbis throws for a stream that is not Ogg Vorbis: thrown by its code, so the input is what is wrong.
        var thrown = Record.Exception(() =>
        {
            using var vorbis = new NVorbis.VorbisReader(new MemoryStream(new byte[64]), closeOnDispose: true);
            vorbis.ReadSamples(new float[1152], 0, 1152);
        });

        Assert.NotNull(thrown);
        Assert.False(DecoderFailure.ThrownByOurCode(thrown));
        Assert.True(DecoderFailure.IsInputFault(thrown));
    }

    [Fact]
    public void An_exception_thrown_inside_the_vendored_NLayer_code_is_input_damage_as_it_was_from_the_package()
    {
        // Main data asked of an empty bit reservoir: the vendored decoder's own words for a damaged stream.
        var thrown = Record.Exception(() => new MediaCompiler.Codecs.Decoding.Mp3.NLayer.BitReservoir().GetBits(8));

        Assert.IsType<InvalidDataException>(thrown);
        Assert.False(DecoderFailure.ThrownByOurCode(thrown));
        Assert.True(DecoderFailure.IsInputFault(thrown));
    }

    [Fact]
    public void Noise_behind_valid_MP3_headers_breaks_the_vendored_decoder_and_is_a_coded_refusal()
    {
        // The vendored decoder indexes outside its tables on such frames: thrown inside vendored code, that is the
        // file's damage (IVR3120), as when NLayer was a package, not our internal error.
        // MPEG-2 Layer III, 24 kbit/s, 16 kHz, mono, no CRC: 108-byte frames whose side information and main data are
        // noise (main_data_begin forced to 0, so that each frame stands alone).
        var random = new Random(23);
        var stream = new List<byte>();
        for (int i = 0; i < 40; i++)
        {
            var frame = new byte[108];
            random.NextBytes(frame);
            frame[0] = 0xFF;
            frame[1] = 0xF3;
            frame[2] = 0x38;
            frame[3] = 0xC4;
            frame[4] = 0;
            stream.AddRange(frame);
        }

        var bytes = stream.ToArray();
        var probe = new MediaCompiler.Audio.AudioProbeResult { Path = "noise.mp3", Container = MediaCompiler.Audio.AudioContainer.Mp3, Codec = "mp3" };

        var result = MediaCompiler.Codecs.Decoding.PromptDecoder.Decode(bytes, "noise.mp3", probe);

        Assert.Null(result.Audio);
        Assert.Equal("IVR3120", result.Error!.Code);
    }

    [Fact]
    public void An_exception_thrown_by_our_own_code_is_our_bug_not_the_files()
    {
        // Thrown by our method itself, and through a runtime throw helper called by our constructor: both ours.
        var direct = Record.Exception(() => MediaCompiler.Codecs.Dsp.Resampler.Create(0, 8000));
        var viaHelper = Record.Exception(() => new MediaCompiler.Codecs.Loudness.SpeechVoltmeter(0));

        Assert.All(new[] { direct, viaHelper }, ours =>
        {
            Assert.NotNull(ours);
            Assert.True(DecoderFailure.ThrownByOurCode(ours!));
            Assert.False(DecoderFailure.IsInputFault(ours!));
        });
        Assert.False(DecoderFailure.IsInputFault(new OperationCanceledException()));
    }
}
