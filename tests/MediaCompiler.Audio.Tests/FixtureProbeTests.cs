using MediaCompiler.Audio.Rules;

namespace MediaCompiler.Audio.Tests;

/// <summary>The probe against ffprobe's view of every fixture, and the validator against each fixture's recorded verdict.</summary>
public class FixtureProbeTests
{
    public static TheoryData<string> Fixtures => FixtureCorpus.Names();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Probe_agrees_with_ffprobe(string name)
    {
        var expected = FixtureCorpus.Expected[name];
        var probe = AudioProbe.Probe(FixtureCorpus.PathOf(name));

        Assert.Equal(expected.Size, probe.SizeBytes);
        if (expected.Ffprobe is not { } ff || expected.Codes.Contains("IVR1006"))
        {
            return; // ffprobe found no stream (or guessed one from a broken header): nothing to compare.
        }

        Assert.Equal(ExpectedContainer(ff), Family(probe.Container));
        Assert.Equal(NormaliseCodec(ff.CodecName!), NormaliseCodec(probe.Codec!));
        Assert.Equal(ff.Channels, probe.Channels);
        if (probe.Container == AudioContainer.Mp4)
        {
            // Its codec, channels (above) and the bitrate its esds declares, which ffprobe reports as the stream's.
            Assert.Equal(ff.StreamBitRate, probe.Bitrate);
            return;
        }

        // Opus decodes at 48 kHz whatever the input was; the probe reports OpusHead's input rate, as the rules need.
        if (ff.CodecName != "opus")
        {
            Assert.Equal(ff.SampleRate, probe.SampleRate);
        }

        if (ff.BitsPerSample is { } bits && probe.Container is AudioContainer.Wav or AudioContainer.Rifx or AudioContainer.Rf64)
        {
            Assert.Equal(bits, probe.BitsPerSample);
        }

        if (ff.Duration is { } duration && !expected.Codes.Contains("IVR1008"))
        {
            Assert.NotNull(probe.DurationSeconds);
            Assert.InRange(probe.DurationSeconds.Value, duration * 0.97 - 0.01, duration * 1.03 + 0.01);
        }

        // Ogg: the audio packets' bytes over the duration (ffprobe -show_packets); pages add a little framing on top.
        if (ff.FormatName == "ogg" && ff.PacketBitRate is { } packetRate)
        {
            Assert.NotNull(probe.Bitrate);
            Assert.InRange(probe.Bitrate.Value, packetRate * 0.97, packetRate * 1.06);
        }

        var expectedBitrate = ExpectedBitrate(ff);
        if (expectedBitrate is { } bitrate)
        {
            Assert.NotNull(probe.Bitrate);
            Assert.InRange(probe.Bitrate.Value, bitrate * 0.97, bitrate * 1.03);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Validator_reaches_the_recorded_verdict(string name)
    {
        var expected = FixtureCorpus.Expected[name];

        var verdict = PromptValidator.Validate(FixtureCorpus.PathOf(name));

        Assert.Equal(expected.Codes.Order(StringComparer.Ordinal), verdict.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Accepted, verdict.IsValid);
        Assert.All(verdict.Diagnostics, d => Assert.Contains(name, d.Message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Probing_a_stream_and_a_path_agree(string name)
    {
        var path = FixtureCorpus.PathOf(name);
        using var stream = new MemoryStream(File.ReadAllBytes(path));

        var fromStream = AudioProbe.Probe(stream, path);
        var fromPath = AudioProbe.Probe(path);

        Assert.Equal(fromPath with { Diagnostics = [] }, fromStream with { Diagnostics = [] });
        Assert.Equal(fromPath.Diagnostics.Select(d => d.Message), fromStream.Diagnostics.Select(d => d.Message));
    }

    [Theory]
    [InlineData("rifx_8k_mono.wav", AudioContainer.Rifx, true)]
    [InlineData("rf64_8k_mono.wav", AudioContainer.Rf64, false)]
    [InlineData("pcm16_8k_mono.wav", AudioContainer.Wav, false)]
    public void Wav_variants_are_told_apart(string name, AudioContainer container, bool bigEndian)
    {
        var probe = AudioProbe.Probe(FixtureCorpus.PathOf(name));

        Assert.Equal(container, probe.Container);
        Assert.Equal(bigEndian, probe.BigEndian);
        Assert.Equal(bigEndian ? "pcm_s16be" : "pcm_s16le", probe.Codec);
    }

    [Fact]
    public void The_data_offset_points_at_the_samples()
    {
        // The engine decodes from AudioDataOffset: check it against the bytes ffmpeg wrote after the "data" header.
        foreach (var name in new[] { "pcm16_8k_mono.wav", "chunks_8k_mono.wav", "data_before_fmt_8k_mono.wav", "rf64_8k_mono.wav", "rifx_8k_mono.wav" })
        {
            var bytes = File.ReadAllBytes(FixtureCorpus.PathOf(name));
            var probe = AudioProbe.Probe(FixtureCorpus.PathOf(name));

            var offset = (int)probe.AudioDataOffset!.Value;
            Assert.Equal("data"u8.ToArray(), bytes[(offset - 8)..(offset - 4)]);
            Assert.True(offset + probe.AudioDataBytes <= bytes.Length, name);
        }
    }

    private static AudioContainer ExpectedContainer(FfprobeValues ff) => ff.FormatName switch
    {
        "wav" => AudioContainer.Wav, // ffprobe says "wav" for RIFX and RF64 too: see Family.
        "mp3" => AudioContainer.Mp3,
        "aac" => AudioContainer.Adts,
        "ogg" => AudioContainer.Ogg,
        "flac" => AudioContainer.Flac,
        "matroska,webm" => AudioContainer.WebM,
        "aiff" => AudioContainer.Aiff,
        "caf" => AudioContainer.Caf,
        "au" => AudioContainer.Au,
        _ when ff.FormatName!.Contains("mp4", StringComparison.Ordinal) => AudioContainer.Mp4,
        _ => AudioContainer.Unknown,
    };

    private static AudioContainer Family(AudioContainer container) =>
        container is AudioContainer.Rifx or AudioContainer.Rf64 ? AudioContainer.Wav : container;

    /// <summary>ffprobe's names for the same codecs, where they differ from the probe's stable names.</summary>
    private static string NormaliseCodec(string codec) => codec switch
    {
        "pcm_mulaw" => "mulaw",
        "pcm_alaw" => "alaw",
        "adpcm_ima_wav" => "adpcm_ima",
        "adpcm_g722" => "g722",
        "pcm_s16be" => "pcm_s16le", // ffprobe reports RIFX samples after its own byte swap.
        "pcm_s24be" => "pcm_s24le",
        _ => codec,
    };

    /// <summary>
    /// The bitrate the probe must match: WAV's header byte rate for PCM-family encodings, MP3's stream bitrate (frames
    /// or Xing), ADTS's and Ogg's whole-stream average; none for ADPCM/GSM (ffprobe derives those its own way).
    /// </summary>
    private static long? ExpectedBitrate(FfprobeValues ff) => ff.FormatName switch
    {
        "wav" when ff.CodecName!.StartsWith("pcm_", StringComparison.Ordinal) => ff.StreamBitRate,
        "mp3" => ff.StreamBitRate,
        "aac" => ff.FormatBitRate,
        _ => null,
    };
}
