using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests;

public sealed class UploadTests : IDisposable
{
    private readonly MediaEngine _engine = new();
    private readonly byte[] _prompt = TestWav.Write(Signals.Speechlike(16000, 0.5), 16000, TestWav.Encoding.Pcm16);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void New_content_is_created_and_described()
    {
        var outcome = _engine.UploadAsset("welcome.wav", _prompt, ContentHash.Of(_prompt));

        Assert.Equal(UploadDisposition.Added, outcome.Disposition);
        Assert.True(outcome.Created);
        var asset = outcome.Asset!;
        Assert.Equal("welcome.wav", asset.Name);
        Assert.Equal("wav", asset.Format);
        Assert.Equal(_prompt.Length, asset.Size);
        Assert.Equal(16000, asset.SampleRate);
        Assert.Equal(1, asset.Channels);
        Assert.Equal(ContentHash.Of(_prompt), asset.ContentHash);
        Assert.Equal($"/api/v2/media/assets/{asset.Id}", asset.SelfUri);
        Assert.True(Guid.TryParse(asset.Id, out _));
        Assert.Equal(asset, _engine.GetAsset(asset.Id));
    }

    [Fact]
    public void The_same_bytes_uploaded_twice_are_one_asset()
    {
        var first = _engine.UploadAsset("welcome.wav", _prompt, null);
        var second = _engine.UploadAsset("copy-of-welcome.wav", (byte[])_prompt.Clone(), null);

        Assert.Equal(UploadDisposition.Added, first.Disposition);
        Assert.Equal(UploadDisposition.AlreadyHeld, second.Disposition);
        Assert.Equal(first.Asset, second.Asset);
        var found = _engine.FindAssetsByContentHash(ContentHash.Of(_prompt).ToUpperInvariant().Replace("SHA256:", "sha256:"));
        Assert.Equal(first.Asset, Assert.Single(found));
    }

    [Fact]
    public void Asset_ids_follow_from_the_content_in_every_engine()
    {
        using var other = new MediaEngine();

        Assert.Equal(_engine.Upload("a.wav", _prompt).Id, other.Upload("b.wav", _prompt).Id);
        Assert.NotEqual(_engine.Upload("a.wav", _prompt).Id,
            _engine.Upload("c.wav", TestWav.Write(Signals.Tone(500, 0.5, 8000, 0.5), 8000, TestWav.Encoding.Pcm16)).Id);
    }

    [Fact]
    public void Unknown_hashes_and_ids_find_nothing()
    {
        Assert.Empty(_engine.FindAssetsByContentHash(ContentHash.Of(_prompt)));
        Assert.Empty(_engine.FindAssetsByContentHash("not-a-hash"));
        Assert.Null(_engine.GetAsset(Guid.NewGuid().ToString()));
    }

    [Fact]
    public void Uploads_over_2_MiB_answer_413()
    {
        var big = TestWav.Write(new float[(2 * 1024 * 1024 / 2) + 1], 16000, TestWav.Encoding.Pcm16);

        var outcome = _engine.UploadAsset("long.wav", big, null);

        Assert.Equal(UploadDisposition.Rejected, outcome.Disposition);
        Assert.Equal(RejectionReason.TooLarge, outcome.Rejection!.Reason);
        Assert.Equal("IVR1102", outcome.Rejection.Code);
        Assert.Contains(big.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), outcome.Rejection.Message);
        Assert.Null(outcome.Asset);
    }

    [Theory]
    [InlineData("stereo")]
    [InlineData("44k")]
    [InlineData("noise")]
    [InlineData("extension")]
    public void Uploads_that_break_a_prompt_rule_answer_400_naming_it(string problem)
    {
        var (name, content) = problem switch
        {
            "stereo" => ("stereo.wav", StereoWav()),
            "44k" => ("cd.wav", TestWav.Write(Signals.Tone(440, 0.5, 44100, 0.2), 44100, TestWav.Encoding.Pcm16)),
            "noise" => ("noise.wav", Enumerable.Range(0, 4000).Select(i => (byte)(i * 7919 % 251)).ToArray()),
            _ => ("prompt.flac", _prompt),
        };
        var expected = PromptValidator.Validate(new MemoryStream(content), name);

        var outcome = _engine.UploadAsset(name, content, null);

        Assert.Equal(RejectionReason.Invalid, outcome.Rejection!.Reason);
        var error = outcome.Rejection;
        Assert.Equal(expected.Diagnostics.First(d => d.IsError).Code, error.Code);
        Assert.StartsWith("IVR1", error.Code);
        Assert.Equal(expected.Diagnostics.Select(d => d.Code), error.Details.Select(d => d.Code));
        Assert.All(error.Details, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
        Assert.Empty(_engine.FindAssetsByContentHash(ContentHash.Of(content)));
    }

    [Fact]
    public void A_declared_hash_that_does_not_match_is_rejected_as_invalid()
    {
        var other = ContentHash.Of(new byte[] { 1, 2, 3 });

        var outcome = _engine.UploadAsset("welcome.wav", _prompt, other);

        Assert.Equal(RejectionReason.Invalid, outcome.Rejection!.Reason);
        Assert.Equal("IVR3201", outcome.Rejection.Code);
        Assert.Contains(other, outcome.Rejection.Message);
        Assert.Contains(ContentHash.Of(_prompt), outcome.Rejection.Message);
    }

    [Fact]
    public void A_malformed_declared_hash_is_rejected_as_invalid()
    {
        var outcome = _engine.UploadAsset("welcome.wav", _prompt, "md5:1234");

        Assert.Equal(RejectionReason.Invalid, outcome.Rejection!.Reason);
        Assert.Equal("IVR3202", outcome.Rejection.Code);
        Assert.Equal("contentHash", Assert.Single(outcome.Rejection.Details).Field);
    }

    [Fact]
    public void An_upload_without_a_file_name_is_rejected_as_invalid()
    {
        var outcome = _engine.UploadAsset("  ", _prompt, null);

        Assert.Equal(RejectionReason.Invalid, outcome.Rejection!.Reason);
        Assert.Equal("IVR3203", outcome.Rejection.Code);
    }

    private static byte[] StereoWav()
    {
        var mono = TestWav.Write(Signals.Tone(440, 0.5, 8000, 0.5), 8000, TestWav.Encoding.Pcm16);
        // Same bytes, re-declared as 2 channels (block align 4, byte rate doubled): a valid stereo file of half the length.
        var stereo = (byte[])mono.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(stereo.AsSpan(22), 2);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(stereo.AsSpan(28), 8000 * 4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(stereo.AsSpan(32), 4);
        return stereo;
    }
}
