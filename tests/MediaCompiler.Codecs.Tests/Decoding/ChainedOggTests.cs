using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Tests.ReferenceMatrix;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// A chained Ogg file: two encodings joined with cat, which share one serial number when the encoder's is fixed (so the
/// probe, which compares the first and the last page's serials, cannot tell). Its second link starts with header
/// packets where audio should be: the decoders would call that damage; it is IVR1019, the file's real problem.
/// </summary>
public sealed class ChainedOggTests
{
    [FfmpegTheory]
    [InlineData("ogg", "libvorbis")]
    [InlineData("opus", "libopus")]
    public void Files_joined_with_cat_are_named_a_chain_not_damage(string extension, string encoder)
    {
        var link = ReferenceDecodes.Encode(Signals.SpeechWithClicks(16000, 1, 1.0), 16000, 1, extension, "-c:a", encoder, "-fflags", "+bitexact");
        byte[] chained = [.. link, .. link];
        var name = "joined." + extension;

        var single = PromptDecoder.Decode(link, name, AudioProbe.Probe(new MemoryStream(link, writable: false), name));
        var result = PromptDecoder.Decode(chained, name, AudioProbe.Probe(new MemoryStream(chained, writable: false), name));

        Assert.NotNull(single.Audio);
        Assert.Null(result.Audio);
        Assert.Equal("IVR1019", result.Error!.Code);
        Assert.Contains($"begins at byte {link.Length:N0}", result.Error.Message, StringComparison.Ordinal);
    }
}
