using MediaCompiler.TestSupport;

namespace MediaCompiler.Cli.Tests.Fuzz;

/// <summary>The container a seed is in: it says which structures the mutator knows how to lie about.</summary>
public enum SeedContainer
{
    Wav,
    Mp3,
    Ogg,
    Adts,
    Mp4,
    Flac,
}

/// <summary>One valid prompt the fuzzer damages: its bytes, the extension it is checked under, its container.</summary>
public sealed record FuzzSeed(string Name, string Extension, SeedContainer Container, byte[] Bytes);

/// <summary>
/// The seeds, encoded at test time by ffmpeg (an encoder we did not write) from a committed speech fixture, so that every
/// mutant starts from what a real tool writes: 1 s of speech, mono, at a rate and bitrate the platforms accept (AAC at
/// 96 kbps, inside the 64-128 kbps rule). Short on purpose: a mutant's cost is its decode, and 10,000 must fit a minute.
/// </summary>
public static class FuzzSeeds
{
    private static readonly string Speech = Path.Combine(Repository.Root, "tests", "fixtures", "speech", "menu_16k.wav");

    private static readonly Lazy<IReadOnlyDictionary<string, FuzzSeed>> All = new(Encode);

    /// <summary>The seed named <paramref name="name"/> (see <see cref="Encode"/> for the list).</summary>
    public static FuzzSeed Get(string name) => All.Value[name];

    private static Dictionary<string, FuzzSeed> Encode()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ivr-fuzz-seeds-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            FuzzSeed Make(string name, string extension, SeedContainer container, params string[] codec)
            {
                var output = Path.Combine(folder, name + "." + extension);
                Ffmpeg.Run([ "-ss", "0.2", "-t", "1", "-i", Speech, "-ac", "1", .. codec, "-fflags", "+bitexact", "-flags:a", "+bitexact", output ]);
                return new FuzzSeed(name, extension, container, File.ReadAllBytes(output));
            }

            FuzzSeed[] seeds =
            [
                Make("pcm16", "wav", SeedContainer.Wav, "-ar", "16000", "-c:a", "pcm_s16le"),
                Make("mulaw", "wav", SeedContainer.Wav, "-ar", "8000", "-c:a", "pcm_mulaw"),
                Make("alaw", "wav", SeedContainer.Wav, "-ar", "8000", "-c:a", "pcm_alaw"),
                Make("mp3", "mp3", SeedContainer.Mp3, "-ar", "16000", "-c:a", "libmp3lame", "-b:a", "64k"),
                Make("vorbis", "ogg", SeedContainer.Ogg, "-ar", "16000", "-c:a", "libvorbis"),
                Make("opus", "ogg", SeedContainer.Ogg, "-ar", "16000", "-c:a", "libopus", "-b:a", "24k"),
                Make("adts", "aac", SeedContainer.Adts, "-ar", "16000", "-c:a", "aac", "-b:a", "96k", "-f", "adts"),
                Make("m4a", "m4a", SeedContainer.Mp4, "-ar", "16000", "-c:a", "aac", "-b:a", "96k"),
                Make("flac", "flac", SeedContainer.Flac, "-ar", "16000", "-c:a", "flac"),
            ];
            return seeds.ToDictionary(s => s.Name);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
