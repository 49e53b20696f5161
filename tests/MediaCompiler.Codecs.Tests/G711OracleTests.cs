using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests;

/// <summary>
/// The oracle is checked against ITU-T G.711's own table values before it judges anything: NAudio must decode the
/// extreme and zero codes exactly as the standard lists them.
/// </summary>
public sealed class G711OracleTests
{
    [Theory]
    [InlineData(0xFF, 0)]       // mu-law positive zero
    [InlineData(0x80, 32124)]   // mu-law largest positive
    [InlineData(0x00, -32124)]  // mu-law largest negative
    public void NAudio_decodes_mu_law_codes_as_the_ITU_table(int code, int expected) =>
        Assert.Equal(expected, G711Reference.Decode([(byte)code], muLaw: true)[0]);

    [Theory]
    [InlineData(0xD5, 8)]       // A-law smallest positive
    [InlineData(0x55, -8)]      // A-law smallest negative
    [InlineData(0xAA, 32256)]   // A-law largest positive
    [InlineData(0x2A, -32256)]  // A-law largest negative
    public void NAudio_decodes_A_law_codes_as_the_ITU_table(int code, int expected) =>
        Assert.Equal(expected, G711Reference.Decode([(byte)code], muLaw: false)[0]);
}
