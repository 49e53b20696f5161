using System.Text;

namespace MediaCompiler.Audio.Tests;

public class ContentHashTests
{
    [Fact]
    public void Known_vector()
    {
        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.Of("abc"u8));
        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ContentHash.Of([]));
    }

    [Fact]
    public void File_stream_and_span_hashes_agree()
    {
        var path = FixtureCorpus.PathOf("too_big_16k_mono.wav"); // Larger than the 1 MiB read buffer.
        var bytes = File.ReadAllBytes(path);

        var ofFile = ContentHash.OfFile(path);

        Assert.Equal(ContentHash.Of(bytes), ofFile);
        Assert.Equal(ofFile, ContentHash.Of(new MemoryStream(bytes)));
        Assert.True(ContentHash.IsWellFormed(ofFile));
    }

    [Theory]
    [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true)]
    [InlineData("sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", false)]
    [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a", false)]
    [InlineData("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adx", false)]
    [InlineData("sha256:ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [InlineData("md5:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Well_formed_means_prefix_and_64_lower_case_hex(string? value, bool expected) =>
        Assert.Equal(expected, ContentHash.IsWellFormed(value));

    [Fact]
    public void Different_content_gives_different_hashes() =>
        Assert.NotEqual(ContentHash.Of(Encoding.ASCII.GetBytes("prompt-a")), ContentHash.Of(Encoding.ASCII.GetBytes("prompt-b")));
}
