using System.Buffers.Binary;
using MediaCompiler.Audio;
using MediaCompiler.Audio.Probing;
using MediaCompiler.Codecs.Wav;

namespace MediaCompiler.Codecs.Decoding.Adpcm;

/// <summary>
/// The 4-bit ADPCM WAV formats older IVR systems recorded their prompts in: IMA/DVI (0x0011) and Microsoft (0x0002).
/// The engine does not accept them as they are (IVR1105); reading them in-process lets the quality checks measure them
/// and <c>ivr-media fix</c> convert them on a machine without ffmpeg. Blocks of the fmt chunk's block size each start
/// with a header per channel (the first samples and the decoder's state), so a damaged block cannot spoil the next.
/// </summary>
internal static class AdpcmWavDecoder
{
    /// <summary>Microsoft ADPCM coefficient pairs a file may list; the format defines 7 and no encoder writes 256.</summary>
    private const int MaxCoefficients = 256;

    /// <summary>WAVEFORMATEX (18 bytes), wSamplesPerBlock, wNumCoef, then the coefficient pairs.</summary>
    private const int CoefficientsOffset = 22;

    private const int MaxChannels = 8;

    private const ushort MsAdpcmTag = 0x0002;

    public static bool CanDecode(AudioProbeResult probe) =>
        probe.Container is AudioContainer.Wav && probe.Codec is "adpcm_ima" or "adpcm_ms" && probe.BitsPerSample is 4;

    /// <summary>
    /// Decodes every whole block, and the whole sample groups of a last block cut short, mixed down to mono. Throws
    /// <see cref="InvalidDataException"/> when the header cannot describe ADPCM blocks or a block header is out of range.
    /// </summary>
    public static DecodedAudio Read(byte[] file, AudioProbeResult probe)
    {
        if (!CanDecode(probe))
        {
            throw new InvalidDataException($"the WAV codec '{probe.Codec ?? "unknown"}' is not a 4-bit ADPCM the engine reads");
        }

        var format = WavProbe.FormatPayload(file, CoefficientsOffset + (4 * MaxCoefficients))
            ?? throw new InvalidDataException("the file has no 'fmt ' chunk");
        int channels = probe.Channels ?? 0;
        int sampleRate = probe.SampleRate ?? 0;
        int blockAlign = format.Length >= 14 ? BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(12)) : 0;
        if (channels is < 1 or > MaxChannels || sampleRate < 1 || probe.AudioDataOffset is not long offset || offset > file.Length)
        {
            throw new InvalidDataException($"the WAV header gives no usable channel count (1 to {MaxChannels}), sample rate or data position");
        }

        long available = Math.Min(probe.AudioDataBytes ?? (file.Length - offset), file.Length - offset);
        var data = file.AsSpan((int)offset, (int)available);
        var layout = probe.Codec == "adpcm_ima" ? ImaLayout(blockAlign, channels) : MsLayout(blockAlign, channels, format);

        long blocks = data.Length / blockAlign;
        int rest = data.Length % blockAlign;
        // A last block of its header alone still holds the header's samples (1 for IMA, 2 for Microsoft), as ffmpeg counts.
        int lastSamples = rest >= layout.HeaderBytes && rest > 0 ? layout.SamplesIn(rest) : 0;
        long frames = (blocks * layout.SamplesPerBlock) + lastSamples;
        if (frames > Array.MaxLength)
        {
            throw new InvalidDataException($"the data chunk holds {frames:N0} samples, more than one array can");
        }

        var mono = new float[frames];
        var block = new short[channels][];
        for (int c = 0; c < channels; c++)
        {
            block[c] = new short[layout.SamplesPerBlock];
        }

        float scale = 1f / (32768f * channels);
        var clipping = ChannelMixer.ClippingTracker(channels);
        long written = 0;
        for (long b = 0; b <= blocks; b++)
        {
            int bytes = b < blocks ? blockAlign : rest;
            int samples = b < blocks ? layout.SamplesPerBlock : lastSamples;
            if (samples == 0)
            {
                break;
            }

            layout.Decode(data.Slice((int)(b * blockAlign), bytes), channels, samples, block);
            for (int i = 0; i < samples; i++)
            {
                float sum = 0;
                for (int c = 0; c < channels; c++)
                {
                    sum += block[c][i];
                    clipping?.Add(c, block[c][i] / 32768f);
                }

                mono[written++] = sum * scale;
            }
        }

        return new DecodedAudio(mono, sampleRate) { Clipping = clipping?.Finish() };
    }

    private static BlockLayout ImaLayout(int blockAlign, int channels)
    {
        // Per channel a 4-byte header (the first sample, the step index, a reserved byte); then groups of 4 bytes
        // (8 samples) per channel in turn.
        int header = 4 * channels;
        int group = 4 * channels;
        if (blockAlign <= header || (blockAlign - header) % group != 0)
        {
            throw new InvalidDataException($"an IMA ADPCM block of {blockAlign} bytes cannot hold {channels}-channel blocks (a {header}-byte header and whole groups of {group} bytes)");
        }

        return new BlockLayout(header, 1 + ((blockAlign - header) / group * 8),
            rest => 1 + ((rest - header) / group * 8), DecodeImaBlock);
    }

    private static BlockLayout MsLayout(int blockAlign, int channels, byte[] format)
    {
        // Per channel a 7-byte header (coefficient index, step, the two first samples in reverse order); then one
        // nibble per sample, high nibble first, the channels taking turns.
        int header = 7 * channels;
        if (channels > 2 || blockAlign <= header)
        {
            throw new InvalidDataException($"a {channels}-channel Microsoft ADPCM block of {blockAlign} bytes is not a valid layout (1 or 2 channels, a 7-byte header per channel)");
        }

        var coefficients = Coefficients(format);
        return new BlockLayout(header, 2 + ((blockAlign - header) * 2 / channels),
            rest => 2 + ((rest - header) * 2 / channels),
            (block, ch, samples, output) => DecodeMsBlock(block, ch, samples, output, coefficients));
    }

    /// <summary>
    /// The file's coefficient table when its fmt chunk lists one (at least the format's seven pairs), else the standard
    /// seven. A WAVE_FORMAT_EXTENSIBLE header has other fields where the table would be, so it gets the standard ones.
    /// </summary>
    private static (short, short)[] Coefficients(byte[] format)
    {
        if (format.Length < CoefficientsOffset || BinaryPrimitives.ReadUInt16LittleEndian(format) != MsAdpcmTag)
        {
            return MsAdpcm.StandardCoefficients;
        }

        int count = BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(20));
        if (count < MsAdpcm.StandardCoefficients.Length || count > MaxCoefficients || format.Length < CoefficientsOffset + (4 * count))
        {
            return MsAdpcm.StandardCoefficients;
        }

        var table = new (short, short)[count];
        for (int i = 0; i < count; i++)
        {
            var pair = format.AsSpan(CoefficientsOffset + (4 * i));
            table[i] = (BinaryPrimitives.ReadInt16LittleEndian(pair), BinaryPrimitives.ReadInt16LittleEndian(pair[2..]));
        }

        return table;
    }

    private static void DecodeImaBlock(ReadOnlySpan<byte> block, int channels, int samples, short[][] output)
    {
        var decoders = new ImaAdpcm[channels];
        for (int c = 0; c < channels; c++)
        {
            var header = block.Slice(4 * c, 4);
            short first = BinaryPrimitives.ReadInt16LittleEndian(header);
            if (header[2] > ImaAdpcm.MaxStepIndex)
            {
                throw new InvalidDataException($"an IMA ADPCM block header has step index {header[2]} (0 to {ImaAdpcm.MaxStepIndex})");
            }

            decoders[c] = new ImaAdpcm(first, header[2]);
            output[c][0] = first;
        }

        int position = 4 * channels;
        for (int sample = 1; sample < samples; sample += 8)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int k = 0; k < 4; k++)
                {
                    int code = block[position++];
                    output[c][sample + (2 * k)] = decoders[c].Next(code & 0x0F);
                    output[c][sample + (2 * k) + 1] = decoders[c].Next(code >> 4);
                }
            }
        }
    }

    private static void DecodeMsBlock(ReadOnlySpan<byte> block, int channels, int samples, short[][] output, (short, short)[] coefficients)
    {
        var decoders = new MsAdpcm[channels];
        for (int c = 0; c < channels; c++)
        {
            int predictor = block[c];
            if (predictor >= coefficients.Length)
            {
                throw new InvalidDataException($"a Microsoft ADPCM block header names coefficient pair {predictor} of {coefficients.Length}");
            }

            short step = BinaryPrimitives.ReadInt16LittleEndian(block[(channels + (2 * c))..]);
            short sample1 = BinaryPrimitives.ReadInt16LittleEndian(block[((3 * channels) + (2 * c))..]);
            short sample2 = BinaryPrimitives.ReadInt16LittleEndian(block[((5 * channels) + (2 * c))..]);
            decoders[c] = new MsAdpcm(coefficients[predictor], step, sample1, sample2);
            output[c][0] = sample2;
            output[c][1] = sample1;
        }

        int position = 7 * channels;
        int nibble = 0;
        for (int sample = 2; sample < samples; sample++)
        {
            for (int c = 0; c < channels; c++, nibble++)
            {
                int code = (nibble & 1) == 0 ? block[position] >> 4 : block[position++] & 0x0F;
                output[c][sample] = decoders[c].Next(code);
            }
        }
    }

    /// <summary>How one ADPCM format lays out its blocks: the header size, samples per channel in a whole block and in a
    /// cut one of so many bytes, and the block decoder (bytes, channels, samples per channel, output per channel).</summary>
    private sealed record BlockLayout(int HeaderBytes, int SamplesPerBlock, Func<int, int> SamplesIn, BlockDecoder Decode);

    private delegate void BlockDecoder(ReadOnlySpan<byte> block, int channels, int samples, short[][] output);
}
