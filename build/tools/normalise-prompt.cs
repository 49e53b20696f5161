#:project ../../src/MediaCompiler.Engine/MediaCompiler.Engine.csproj
// Writes what the engine's normalizeVolume path makes of a prompt, as 16-bit PCM of the decoded A-law output, so that
// build/record-p56-references.sh can measure it with the C reference. Usage: dotnet run normalise-prompt.cs IN OUT.raw
using MediaCompiler.Audio;
using MediaCompiler.Codecs.G711;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Codecs.Dsp;

var content = File.ReadAllBytes(args[0]);
var probe = AudioProbe.Probe(new MemoryStream(content), args[0]);
var audio = PromptDecoder.Decode(content, args[0], probe).Audio ?? throw new InvalidDataException(args[0]);
var samples = Resampler.Create(audio.SampleRate, 8000).Process(audio.Samples);
SpeechLevelNormalizer.Normalize(samples, 8000);
var decoded = G711.Decode(G711.Encode(Pcm16.FromFloats(samples), G711Law.ALaw), G711Law.ALaw);
using var output = File.Create(args[1]);
foreach (short sample in decoded)
{
    output.WriteByte((byte)sample);
    output.WriteByte((byte)(sample >> 8));
}
