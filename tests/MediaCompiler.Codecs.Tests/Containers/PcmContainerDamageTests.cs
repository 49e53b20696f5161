using MediaCompiler.Audio;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Tests.Decoding;
using MediaCompiler.Codecs.Tests.ReferenceMatrix;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests.Containers;

/// <summary>
/// Damaged AIFF, CAF and AU files (cut, noise, random header values: channel counts in the billions, NaN rates, sizes past
/// the end) never crash the probe or the decoder: each gives audio or coded diagnostics.
/// </summary>
public sealed class PcmContainerDamageTests
{
    [FfmpegTheory]
    [InlineData("aiff", "pcm_s16be")]
    [InlineData("aiff", "pcm_s16le")]
    [InlineData("caf", "pcm_s16le")]
    [InlineData("caf", "pcm_f32be")]
    [InlineData("au", "pcm_mulaw")]
    [InlineData("au", "pcm_s16be")]
    public void Damaged_files_give_audio_or_coded_diagnostics(string extension, string codec)
    {
        var file = ReferenceDecodes.Encode(Signals.SpeechWithClicks(16000, 2, 0.3), 16000, 2, extension, "-c:a", codec);
        var random = new Random(extension.Length * 31 + codec.Length);
        var damaged = new List<byte[]>
        {
            FileDamage.Apply(file, "cut-at-1/3"),
            FileDamage.Apply(file, "cut-at-header"),
            FileDamage.Apply(file, "noise-in-middle"),
            FileDamage.Apply(file, "headers-only-noise"),
        };
        for (int round = 0; round < 200; round++)
        {
            // Changes within the first 120 bytes: the headers' fields, chunk sizes and IDs.
            var copy = file.ToArray();
            for (int i = 0; i < 1 + random.Next(4); i++)
            {
                copy[12 + random.Next(108)] = (byte)random.Next(256);
            }

            damaged.Add(copy);
        }

        foreach (var bytes in damaged)
        {
            var probe = AudioProbe.Probe(new MemoryStream(bytes, writable: false), "prompt." + extension);
            var result = PromptDecoder.Decode(bytes, "prompt." + extension, probe);

            Assert.True(result.Audio is not null ^ result.Error is not null);
            Assert.True(result.Error is null || result.Error.Code.StartsWith("IVR1", StringComparison.Ordinal) || result.Error.Code.StartsWith("IVR3", StringComparison.Ordinal), result.Error?.ToString());
        }
    }
}
