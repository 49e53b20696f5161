using MediaCompiler.Audio;
using System.Buffers.Binary;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Decoding;

/// <summary>
/// Regressions of the fuzz suite's first finding: an Ogg Vorbis prompt whose last audio page is repeated sent NVorbis's read loop round forever, one core at
/// 100 % with no allocation, in the build and in every CLI command. Now it is audio or a coded IVR3120, at once.
/// </summary>
public sealed class VorbisRunawayTests
{
    /// <summary>Far above a 1-s prompt's decode (milliseconds), far below "forever": the test fails instead of hanging.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The fuzz suite's mutant, kept as it was found (tests/fixtures/fuzz): a 1-s 16 kHz speech prompt encoded by
    /// ffmpeg's libvorbis, its last audio page (granule 15872) repeated before the end-of-stream page (granule 16000).
    /// </summary>
    [Fact]
    public void A_repeated_last_audio_page_is_answered_not_spun_on()
    {
        var damaged = File.ReadAllBytes(Path.Combine(SpeechFixtures.Root, "fuzz", "vorbis_repeated_last_page.ogg"));

        var result = DecodeGuarded(damaged);

        Assert.True(result.Audio is null != (result.Error is null), "exactly one of audio and error");
        if (result.Audio is { } audio)
        {
            // Never more than the last granule (16,000 samples) says the stream holds.
            Assert.InRange(audio.Samples.Length, 1, 16_000);
        }
        else
        {
            Assert.Equal("IVR3120", result.Error!.Code);
        }
    }

    [Fact]
    public void The_intact_file_still_ends_at_its_last_granule()
    {
        var bytes = SpeechFixtures.Bytes("menu_16k.ogg");
        var endGranule = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(Pages(bytes)[^1].Start + 6));

        var result = DecodeGuarded(bytes);

        // The encoder's padding past the last granule is cut, as the Vorbis specification says and ffmpeg does.
        Assert.Equal(endGranule, result.Audio!.Samples.Length);
    }

    private static DecodeResult DecodeGuarded(byte[] content)
    {
        var probe = AudioProbe.Probe(new MemoryStream(content, writable: false), "runaway.ogg");
        return Guarded(() => PromptDecoder.Decode(content, "runaway.ogg", probe));
    }

    private static DecodeResult Guarded(Func<DecodeResult> work)
    {
        var decode = Task.Run(work);
        Assert.True(decode.Wait(Guard), $"the decode did not return within {Guard.TotalSeconds} s");
        return decode.Result;
    }

    private static List<(int Start, int Length)> Pages(byte[] file)
    {
        var pages = new List<(int, int)>();
        for (var at = 0; at + 27 <= file.Length && file.AsSpan(at, 4).SequenceEqual("OggS"u8);)
        {
            int segments = file[at + 26];
            var length = 27 + segments;
            foreach (var lacing in file.AsSpan(at + 27, segments))
            {
                length += lacing;
            }

            pages.Add((at, length));
            at += length;
        }

        return pages;
    }
}

/// <summary>
/// Issue 20, item 6, found by the fuzz suite: a third-party decoder's exception text ("Index was outside the bounds of
/// the array") was the reason in a coded message. Now the message is ours; the library's words stay in the detail.
/// </summary>
public sealed class DecoderTextTests
{
    [Fact]
    public void A_vorbis_mutant_that_makes_nvorbis_throw_is_described_in_our_words()
    {
        // A 1-s speech prompt (ffmpeg, libvorbis) with a run of random bytes written over its audio (the suite's
        // ByteRun, Random(2005) mutant 61), page CRCs made right: its headers pass the setup-header check, NVorbis throws.
        var result = Decode("vorbis_audio_packet_index_error.ogg");

        Assert.Equal("IVR3120", result.Error?.Code);
        Assert.DoesNotContain("Index was outside", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("its audio data is damaged", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Index was outside", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_such_mutant_is_now_refused_by_the_setup_header_check_before_nvorbis_reads_it()
    {
        // The first mutant found (a byte run over the setup header): NVorbis no longer sees it.
        var result = Decode("vorbis_decoder_index_error.ogg");

        Assert.Equal("IVR3120", result.Error?.Code);
        Assert.Contains("its setup header's codebook", result.Error!.Message, StringComparison.Ordinal);
        Assert.Null(result.Detail);
    }

    private static DecodeResult Decode(string fixture)
    {
        var damaged = File.ReadAllBytes(Path.Combine(SpeechFixtures.Root, "fuzz", fixture));
        var probe = AudioProbe.Probe(new MemoryStream(damaged, writable: false), "damaged.ogg");
        return PromptDecoder.Decode(damaged, "damaged.ogg", probe);
    }
}
