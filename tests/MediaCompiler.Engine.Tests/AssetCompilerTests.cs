using System.Buffers.Binary;
using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Engine.Compilation;
using MediaCompiler.Engine.Tests.Support;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Engine.Tests;

/// <summary>
/// The engine-side checks the upload rules cannot make, exercised on content the upload would already refuse (the
/// compiler must still never trust it: a data directory can be tampered with, rules can change).
/// </summary>
public class AssetCompilerTests
{
    private readonly AssetCompiler _compiler = new(ffmpegPath: null, TimeSpan.FromMinutes(1));

    [Fact]
    public async Task A_WAV_whose_header_promises_more_than_the_file_holds_is_rejected()
    {
        var wav = TestWav.Write(Signals.Speechlike(8000, 2), 8000, TestWav.Encoding.Pcm16);
        var truncated = wav.AsSpan(0, 44 + 8000).ToArray(); // 0.5 s of the declared 2 s
        BinaryPrimitives.WriteInt32LittleEndian(truncated.AsSpan(4), truncated.Length - 8);

        var compiled = await _compiler.CompileAsync(truncated, "cut.wav", G711Law.MuLaw, true, true, CancellationToken.None);

        Assert.Null(compiled.Wav);
        Assert.Equal("IVR3002", compiled.Error!.Code);
        Assert.Contains("cut.wav", compiled.Error.Message);
        Assert.Contains("IVR1005", compiled.Error.Message);
    }

    [Fact]
    public async Task A_WAV_without_samples_is_rejected()
    {
        var empty = TestWav.Write([], 8000, TestWav.Encoding.Pcm16);

        var compiled = await _compiler.CompileAsync(empty, "empty.wav", G711Law.ALaw, true, true, CancellationToken.None);

        // The probe already calls it "no audio data" (IVR1008), which the rejection quotes.
        Assert.Equal("IVR3002", compiled.Error!.Code);
        Assert.Contains("IVR1008", compiled.Error.Message);
    }

    [Fact]
    public async Task Content_that_is_no_audio_is_rejected()
    {
        var compiled = await _compiler.CompileAsync("hello, not audio"u8.ToArray(), "text.wav", G711Law.ALaw, true, true, CancellationToken.None);

        Assert.Equal("IVR3002", compiled.Error!.Code);
    }

    [Fact]
    public async Task Audio_that_is_only_above_4kHz_is_silent_on_the_phone()
    {
        // A Hann envelope keeps the tone's spectrum near 6 kHz (an abrupt start would splash energy below 4 kHz).
        var whistle = Signals.Sample(t => 0.5 * Math.Sin(2 * Math.PI * 6000 * t) * Math.Pow(Math.Sin(Math.PI * t / 0.5), 2), 16000, 0.5);
        var wav = TestWav.Write(whistle, 16000, TestWav.Encoding.Pcm16);

        var compiled = await _compiler.CompileAsync(wav, "whistle.wav", G711Law.MuLaw, true, true, CancellationToken.None);

        Assert.Equal("IVR3005", compiled.Error!.Code);
    }

    [Fact]
    public async Task Stereo_and_24_bit_WAVs_are_mixed_down_and_read()
    {
        // Left carries the signal, right its inverse at half level: the mono mix is a quarter of the signal.
        var mono = Signals.Speechlike(8000, 0.5);
        var data = new byte[mono.Length * 6];
        for (int i = 0; i < mono.Length; i++)
        {
            WriteInt24(data.AsSpan(i * 6), (int)(mono[i] * 8388607));
            WriteInt24(data.AsSpan((i * 6) + 3), (int)(-mono[i] * 0.5 * 8388607));
        }

        var wav = new byte[44 + data.Length];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 2);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), 8000);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), 8000 * 6);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 6);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 24);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), data.Length);
        data.CopyTo(wav.AsSpan(44));

        var compiled = await _compiler.CompileAsync(wav, "stereo24.wav", G711Law.MuLaw, normalizeVolume: false, true, CancellationToken.None);

        var output = EngineFixture.DecodeG711Wav(compiled.Wav!, out _);
        Assert.True(Measure.Ncc(mono, output) >= 0.99);
        Assert.InRange(Measure.Db(Measure.Rms(output) / Measure.Rms(mono)), Measure.Db(0.25) - 0.5, Measure.Db(0.25) + 0.5);
    }

    private static void WriteInt24(Span<byte> destination, int value)
    {
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
    }
}
