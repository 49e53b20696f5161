using System.Buffers.Binary;

namespace MediaCompiler.Client.Tests.Fakes;

/// <summary>Builds small 16-bit PCM WAV files (a tone), valid or not by the engine's rules depending on the rate.</summary>
internal static class TestWav
{
    public static byte[] Tone(int sampleRate = 8000, short channels = 1, double seconds = 0.25, double frequency = 440)
    {
        var frames = (int)(sampleRate * seconds);
        var dataBytes = frames * channels * 2;
        var wav = new byte[44 + dataBytes];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < frames; i++)
        {
            var sample = (short)(Math.Sin(2 * Math.PI * frequency * i / sampleRate) * 8000);
            for (var c = 0; c < channels; c++)
                BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * channels + c) * 2)..], sample);
        }
        return wav;
    }
}
