using MediaCompiler.Codecs.Decoding;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// Damaged compressed prompts never crash the managed decoders: every cut or corrupted copy of a fixture decodes to
/// some audio or to a coded rejection (IVR3120), never an exception.
/// </summary>
public sealed class DamagedInputTests
{
    public static TheoryData<string, string> Damages()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "menu_16k_lame.mp3", "hold_44k_stereo_lame.mp3", "menu_16k.ogg", "menu_16k.opus", "hold_stereo.opus" })
        {
            foreach (var damage in new[] { "cut-at-1/3", "cut-at-header", "noise-in-middle", "zeros-in-middle", "headers-only-noise" })
            {
                data.Add(file, damage);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void Damaged_files_decode_to_audio_or_a_coded_rejection(string file, string damage)
    {
        var bytes = SpeechFixtures.Bytes(file);
        var probe = SpeechFixtures.Probe(file);
        var damaged = FileDamage.Apply(bytes, damage);

        var result = PromptDecoder.Decode(damaged, file, probe);

        Assert.True(result.Audio is not null ^ result.Error is not null);
        if (result.Error is { } error)
        {
            Assert.Equal("IVR3120", error.Code);
            Assert.Contains(file, error.Message);
        }
    }
}
