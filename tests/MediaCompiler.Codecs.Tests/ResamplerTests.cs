using MediaCompiler.Codecs.Dsp;
using MediaCompiler.TestSupport;

namespace MediaCompiler.Codecs.Tests;

public class ResamplerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output = output;

    private const int Edge = 200; // output samples at each end where the filter still sees the signal's start/end

    [Fact]
    public void A_1kHz_tone_keeps_its_level_through_16k_to_8k()
    {
        var input = Signals.Tone(1000, 0.5, 16000, 1);

        var output = Resampler.Create(16000, 8000).Process(input);

        Assert.Equal(8000, output.Length);
        double change = Measure.Db(Measure.Rms(output.AsSpan(Edge, output.Length - (2 * Edge))) / (0.5 / Math.Sqrt(2)));
        Assert.InRange(change, -0.5, 0.5);
    }

    [Theory]
    [InlineData(6000)]
    [InlineData(4400)]
    [InlineData(7500)]
    public void Tones_above_4kHz_are_removed_instead_of_aliasing(double frequency)
    {
        var input = Signals.Tone(frequency, 0.5, 16000, 1);

        var output = Resampler.Create(16000, 8000).Process(input);

        double attenuation = Measure.Db(Measure.Rms(output.AsSpan(Edge, output.Length - (2 * Edge))) / Measure.Rms(input));
        Assert.True(attenuation <= -50, $"{frequency} Hz only attenuated {attenuation:0.0} dB");
    }

    [Fact]
    public void The_output_is_aligned_with_the_input_in_time()
    {
        // The filter's delay is compensated: converting the 16 kHz rendering gives the 8 kHz rendering of the same
        // band-limited signal, sample for sample.
        var at16k = Signals.Speechlike(16000, 1);
        var at8k = Signals.Speechlike(8000, 1);

        var output = Resampler.Create(16000, 8000).Process(at16k);

        var middle = new Range(Edge, at8k.Length - Edge);
        Assert.True(Measure.Ncc(at8k.AsSpan(middle), output.AsSpan(middle)) >= 0.999);
        Assert.True(Measure.SnrDb(at8k.AsSpan(middle), output.AsSpan(middle)) >= 30);
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(11025)]
    public void Other_rates_convert_to_8k_too(int inputRate)
    {
        var input = Signals.Speechlike(inputRate, 0.5);
        var expected = Signals.Speechlike(8000, 0.5);

        var output = Resampler.Create(inputRate, 8000).Process(input);

        Assert.Equal(expected.Length, output.Length);
        var middle = new Range(Edge, expected.Length - Edge);
        Assert.True(Measure.Ncc(expected.AsSpan(middle), output.AsSpan(middle)) >= 0.999);
    }

    [Fact]
    public void The_anti_aliasing_filter_meets_its_passband_and_stopband()
    {
        var taps = LowPassFilter.DesignKaiser(16000, 3600, 800, 80);

        for (double f = 0; f <= 3200; f += 50)
        {
            Assert.InRange(Measure.Db(Response(taps, f, 16000)), -0.05, 0.05);
        }

        for (double f = 4000; f <= 8000; f += 25)
        {
            Assert.True(Measure.Db(Response(taps, f, 16000)) <= -60, $"{f} Hz");
        }
    }

    [Theory]
    [InlineData(16000, 4050)] // (4000 Hz exactly would be sampled at its zero crossings at 8 kHz and prove nothing)
    [InlineData(16000, 4400)]
    [InlineData(16000, 7500)]
    [InlineData(44100, 4050)]
    [InlineData(44100, 11025)]
    [InlineData(48000, 4050)]
    [InlineData(48000, 19000)]
    [InlineData(22050, 5000)]
    public void End_to_end_the_stopband_keeps_at_least_90_dB(int inputRate, double frequency)
    {
        var input = Signals.Tone(frequency, 0.5, inputRate, 1);

        var output = Resampler.Create(inputRate, 8000).Process(input);

        // Whatever is left of a stopband tone is its alias inside 0-4 kHz: measured against the tone's own level.
        int edge = 400;
        double attenuation = Measure.Db(Measure.Rms(output.AsSpan(edge, output.Length - (2 * edge))) / (0.5 / Math.Sqrt(2)));
        _output.WriteLine($"{inputRate} Hz, {frequency} Hz tone: {attenuation:0.0} dB");
        Assert.True(attenuation <= -90, $"{frequency} Hz at {inputRate} Hz only attenuated {attenuation:0.0} dB");
    }

    [Fact]
    public void The_engines_filter_measures_at_least_90_dB_from_the_stopband_edge_on()
    {
        // The 16 kHz to 8 kHz filter as the resampler designs it: 3.6 kHz cutoff, stopband from 4 kHz.
        var taps = LowPassFilter.DesignKaiser(16000, 3600, 800, Resampler.StopbandDb);

        double worst = double.NegativeInfinity;
        for (double f = 4000; f <= 8000; f += 5)
        {
            worst = Math.Max(worst, Measure.Db(Response(taps, f, 16000)));
        }

        _output.WriteLine($"worst stopband response {worst:0.0} dB over {taps.Length} taps");
        Assert.True(worst <= -90, $"stopband reaches {worst:0.0} dB");
    }

    /// <summary>
    /// Rates whose ratio to the output has no small L/M (a classic Mac AIFF at 22,254.5 Hz, a 47,999 Hz or 8,001 Hz
    /// WAV) convert too, through the finer grid and interpolation: aligned with the signal as rendered at the output
    /// rate, and with tones above the output's Nyquist frequency suppressed by at least 90 dB.
    /// </summary>
    [Theory]
    [InlineData(22254, 16000)]
    [InlineData(47999, 16000)]
    [InlineData(8001, 8000)]
    [InlineData(11127, 8000)]
    public void Rates_without_a_small_ratio_convert_too(int inputRate, int outputRate)
    {
        Assert.True(Resampler.CanConvert(inputRate, outputRate));
        var resampler = Resampler.Create(inputRate, outputRate);
        Assert.True(resampler.Interpolation > Resampler.MaxInterpolation);
        var expected = Signals.Speechlike(outputRate, 0.5);

        var output = resampler.Process(Signals.Speechlike(inputRate, 0.5));

        Assert.InRange(output.Length, expected.Length - 1, expected.Length + 1);
        var middle = new Range(Edge, expected.Length - Edge);
        double snr = Measure.SnrDb(expected.AsSpan(middle), output.AsSpan(middle));
        _output.WriteLine($"{inputRate} -> {outputRate} Hz: SNR {snr:0.0} dB against the signal rendered at {outputRate} Hz");
        Assert.True(snr >= 30, $"SNR {snr:0.0} dB");

        if (inputRate > outputRate * 1.2)
        {
            // A tone the input carries above the output's Nyquist frequency (8001 Hz has no such band).
            double alias = Measure.Db(Measure.Rms(resampler.Process(Signals.Tone(outputRate * 0.55, 0.5, inputRate, 1)).AsSpan(400..^400)) / (0.5 / Math.Sqrt(2)));
            _output.WriteLine($"a tone at {outputRate * 0.55} Hz: {alias:0.0} dB");
            Assert.True(alias <= -90, $"a stopband tone is only attenuated {alias:0.0} dB");
        }
    }

    [Fact]
    public void Rates_no_audio_has_are_refused()
    {
        Assert.False(Resampler.CanConvert(0, 8000));
        Assert.False(Resampler.CanConvert(4, 8000)); // 2,000 times more output than input: a header's claim, not audio
        Assert.False(Resampler.CanConvert(Resampler.MaxRate + 1, 8000));
        Assert.True(Resampler.CanConvert(44100, 8000));
    }

    /// <summary>|H(f)| of an FIR filter, evaluated directly.</summary>
    private static double Response(double[] taps, double frequency, double sampleRate)
    {
        double re = 0, im = 0;
        for (int n = 0; n < taps.Length; n++)
        {
            double w = 2 * Math.PI * frequency * n / sampleRate;
            re += taps[n] * Math.Cos(w);
            im -= taps[n] * Math.Sin(w);
        }

        return Math.Sqrt((re * re) + (im * im));
    }
}
