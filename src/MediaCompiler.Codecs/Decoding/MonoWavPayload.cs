using MediaCompiler.Audio;

namespace MediaCompiler.Codecs.Decoding;

/// <summary>
/// Where the coded bytes of a mono WAV codec lie (GSM 6.10, G.722): the data chunk as the probe found it, cut to the
/// bytes the file really holds, with the header's sample rate. The decoders of such codecs check their header here.
/// </summary>
internal readonly record struct MonoWavPayload(int Offset, int Length, int SampleRate)
{
    /// <summary>Throws <see cref="InvalidDataException"/> naming <paramref name="codec"/> when the header is not mono with a rate and a data position.</summary>
    public static MonoWavPayload Locate(byte[] file, AudioProbeResult probe, string codec)
    {
        if (probe.Channels != 1 || probe.SampleRate is not int sampleRate || sampleRate < 1 || probe.AudioDataOffset is not long offset || offset > file.Length)
        {
            throw new InvalidDataException($"a {codec} WAV must be mono with a sample rate and a data position (this one: {probe.Channels} channels)");
        }

        long available = Math.Min(probe.AudioDataBytes ?? (file.Length - offset), file.Length - offset);
        return new MonoWavPayload((int)offset, (int)available, sampleRate);
    }
}
