using MediaCompiler.Codecs.Decoding;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>Errors blame the right culprit: a third-party decoder's exception is the file's damage; ours is our bug.</summary>
public sealed class DecoderFailureTests
{
    [Fact]
    public void An_exception_thrown_inside_a_third_party_decoder_is_input_damage()
    {
        // NLayer throws for a stream that is not MPEG audio: thrown by its code, so the input is what is wrong.
        var thrown = Record.Exception(() =>
        {
            using var mpeg = new NLayer.MpegFile(new MemoryStream(new byte[64]));
            mpeg.ReadSamples(new float[1152], 0, 1152);
        });

        if (thrown is not null)
        {
            Assert.False(DecoderFailure.ThrownByOurCode(thrown));
            Assert.True(DecoderFailure.IsInputFault(thrown));
        }
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
