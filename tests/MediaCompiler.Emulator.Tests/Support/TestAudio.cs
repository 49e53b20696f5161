using System.Buffers.Binary;

namespace MediaCompiler.Emulator.Tests.Support;

/// <summary>Synthesized PCM16 WAV prompts: a tone plus a chirp, so that correlation has something to lock on to.</summary>
internal static class TestAudio
{
    /// <summary>The test signal at time <paramref name="t"/> seconds: 440 Hz tone plus a 300→1500 Hz chirp.</summary>
    public static double Signal(double t, double seconds)
    {
        var chirpPhase = 2 * Math.PI * ((300 * t) + (1200 / (2 * seconds) * t * t));
        return (0.35 * Math.Sin(2 * Math.PI * 440 * t)) + (0.35 * Math.Sin(chirpPhase));
    }

    /// <summary>The test signal sampled at <paramref name="sampleRate"/>, as doubles in -1..1.</summary>
    public static double[] Samples(int sampleRate, double seconds)
    {
        var samples = new double[(int)(sampleRate * seconds)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = Signal((double)i / sampleRate, seconds);
        }

        return samples;
    }

    /// <summary>A PCM16 WAV of the test signal; stereo files carry it in both channels.</summary>
    public static byte[] Wav(int sampleRate, double seconds = 0.5, int channels = 1)
    {
        var samples = Samples(sampleRate, seconds);
        var dataLength = samples.Length * 2 * channels;
        var wav = new byte[44 + dataLength];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataLength);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2 * channels);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)(2 * channels));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataLength);
        var offset = 44;
        foreach (var sample in samples)
        {
            for (var c = 0; c < channels; c++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(span[offset..], (short)Math.Round(sample * 32767));
                offset += 2;
            }
        }

        return wav;
    }

    /// <summary>A valid WAV whose samples differ with <paramref name="seed"/> (distinct content, distinct hash).</summary>
    public static byte[] DistinctWav(int seed)
    {
        var wav = Wav(8000, 0.25);
        wav[^2] = (byte)seed;
        wav[^1] = (byte)(seed >> 8);
        return wav;
    }
}
