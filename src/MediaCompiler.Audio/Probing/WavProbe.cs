using System.Buffers.Binary;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Probing;

/// <summary>
/// RIFF/WAVE, RIFX (big-endian) and RF64/BW64 (64-bit sizes from the ds64 chunk). Walks the chunk headers in any
/// order, honouring pad bytes, reading only the fmt, fact and ds64 payloads; stops once fmt and data are both known.
/// </summary>
internal static class WavProbe
{
    /// <summary>A pathological file could hold millions of tiny chunks; real ones have a handful.</summary>
    private const int MaxChunks = 1024;

    private const uint Rf64SizePlaceholder = 0xFFFFFFFF;

    /// <summary>
    /// espeak-ng --stdout and sox writing to a pipe declare 0x7FFFF000 and similar "as large as possible" sizes. No
    /// WAV near 2 GiB can be a prompt, so a declared size this large that overruns the file is a placeholder, whereas a
    /// smaller one that overruns it is a file cut short (IVR1005).
    /// </summary>
    private const long LargestRealSize = 0x7FFF0000;

    public static AudioProbeResult Probe(ByteSource source, ProbeReport report)
    {
        Span<byte> riff = stackalloc byte[12];
        source.ReadAt(0, riff);
        var container = riff[..4].SequenceEqual("RIFX"u8) ? AudioContainer.Rifx
            : riff[..4].SequenceEqual("RIFF"u8) ? AudioContainer.Wav
            : AudioContainer.Rf64;
        var bigEndian = container == AudioContainer.Rifx;

        var walk = WalkChunks(source, bigEndian);
        var result = new AudioProbeResult
        {
            Path = report.FileName,
            SizeBytes = source.Length,
            Container = container,
            BigEndian = bigEndian,
        };

        var format = walk.FormatPayload is null ? null : WavFormat.Parse(walk.FormatPayload, bigEndian);
        if (walk.FormatPayload is null)
        {
            report.Add(DiagnosticCatalog.WavFormatChunkInvalid, "the file has no 'fmt ' chunk");
        }
        else if (walk.FormatCut)
        {
            report.Add(DiagnosticCatalog.WavFormatChunkInvalid,
                $"the 'fmt ' chunk declares {walk.FormatDeclaredSize} bytes but the file ends after {walk.FormatPayload.Length}");
        }
        else if (format is null)
        {
            report.Add(DiagnosticCatalog.WavFormatChunkInvalid,
                $"the 'fmt ' chunk is {walk.FormatPayload.Length} bytes, too short for a WAVE format (14 bytes at least, 40 when extensible)");
        }

        if (format is not null)
        {
            result = Describe(result, format, bigEndian);
            if (format.Channels == 0 || format.SampleRate == 0)
            {
                report.Add(DiagnosticCatalog.AudioHeaderInvalid, "a WAV file",
                    $"its 'fmt ' chunk declares {format.Channels} channels at {format.SampleRate} Hz");
            }
        }

        if (walk.DataOffset is not { } dataOffset)
        {
            var declared = (long)RiffSize(riff, bigEndian) + 8;
            if (walk.MissingPad is { } missingPad)
            {
                report.Add(DiagnosticCatalog.AudioHeaderInvalid, "a WAV file", missingPad);
            }
            else if (container != AudioContainer.Rf64 && declared > source.Length && declared < LargestRealSize)
            {
                // The RIFF header promises more than the file holds (and is no streaming placeholder): the file was
                // cut before its 'data' chunk, which no export setting explains.
                report.Add(DiagnosticCatalog.AudioTruncated,
                    $"its RIFF header declares {declared:N0} bytes but the file holds {source.Length:N0} and ends before its 'data' chunk");
            }
            else
            {
                report.Add(DiagnosticCatalog.WavDataChunkMissing);
            }

            return result with { Diagnostics = report.Diagnostics };
        }

        var available = Math.Max(0, source.Length - dataOffset);
        var dataBytes = Math.Min(walk.DataDeclaredSize, available);
        if (StreamingPlaceholder(walk, RiffSize(riff, bigEndian), available) is { } placeholder)
        {
            // What ffmpeg and sox do with such files: the audio runs to the end of the file.
            dataBytes = available;
            report.Add(DiagnosticCatalog.WavSizePlaceholder, placeholder, available);
        }
        else if (walk.DataDeclaredSize > available)
        {
            report.Add(DiagnosticCatalog.AudioTruncated,
                $"its data chunk declares {walk.DataDeclaredSize:N0} bytes of audio but only {available:N0} follow it");
        }
        else if (walk.DataDeclaredSize == 0)
        {
            report.Add(DiagnosticCatalog.AudioNoData);
        }

        result = result with
        {
            AudioDataOffset = dataOffset,
            AudioDataBytes = dataBytes,
            DurationSeconds = format is null ? null : Duration(format, dataBytes, walk.FactSampleCount),
        };
        if (format?.EffectiveTag is WavFormatTags.MpegLayer12 or WavFormatTags.MpegLayer3 && MpegPayload(source, report.FileName, dataOffset, dataBytes) is { } mpeg)
        {
            result = result with { DurationSeconds = mpeg.DurationSeconds ?? result.DurationSeconds, Bitrate = mpeg.Bitrate };
        }

        return result with { Diagnostics = report.Diagnostics };
    }

    /// <summary>
    /// How the data size was declared when it is a pipe writer's placeholder rather than a size, else null:
    /// 0xFFFFFFFF without an RF64 ds64 chunk (ffmpeg -f wav -), a huge size past the end of the file (espeak-ng,
    /// sox), or 0 with audio following it while the RIFF size is a placeholder too.
    /// </summary>
    private static string? StreamingPlaceholder(ChunkWalk walk, uint riffSize, long available)
    {
        var raw = walk.DataRawSize;
        if (raw == Rf64SizePlaceholder)
        {
            return walk.HasDs64DataSize ? null : "0xFFFFFFFF bytes";
        }

        if (raw >= LargestRealSize && raw > available)
        {
            return $"0x{raw:X8} bytes";
        }

        return raw == 0 && available > 0 && riffSize is 0 or Rf64SizePlaceholder ? "0 bytes" : null;
    }

    private static uint RiffSize(ReadOnlySpan<byte> riff, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(riff[4..]) : BinaryPrimitives.ReadUInt32LittleEndian(riff[4..]);

    private static AudioProbeResult Describe(AudioProbeResult result, WavFormat format, bool bigEndian)
    {
        var (codec, description) = format.EffectiveTag is { } tag
            ? WavFormatTags.Describe(tag, format.BitsPerSample, bigEndian)
            : ("unknown(extensible)", "WAVE_FORMAT_EXTENSIBLE with an unknown sub-format");
        return result with
        {
            Codec = codec,
            CodecDescription = description,
            SampleRate = format.SampleRate == 0 ? null : (int)Math.Min(format.SampleRate, int.MaxValue),
            Channels = format.Channels == 0 ? null : format.Channels,
            BitsPerSample = format.BitsPerSample == 0 ? null : format.BitsPerSample,
            Bitrate = format.IsUncompressed && PcmFrameBytes(format) is > 0 and var frameBytes ? format.SampleRate * frameBytes * 8L
                : format.AverageBytesPerSecond == 0 ? null : format.AverageBytesPerSecond * 8L,
        };
    }

    /// <summary>
    /// The bytes of one PCM sample frame as the samples are read (every channel's sample, in whole bytes), not the
    /// header's nBlockAlign: a recorder that writes 1 there (and a byte rate to match) for 16-bit audio would double
    /// the duration that the decoder, reading two bytes a sample, does not. 0 when the header gives no size.
    /// </summary>
    private static long PcmFrameBytes(WavFormat format) =>
        format.BitsPerSample > 0 ? (long)format.Channels * ((format.BitsPerSample + 7) / 8) : format.BlockAlign;

    /// <summary>
    /// MPEG audio in the data chunk, probed as an .mp3 would be (its frames' duration and bitrate): the header's byte
    /// rate is 0 when the writer was given no bitrate, and its fact chunk counts what each writer likes.
    /// </summary>
    private static AudioProbeResult? MpegPayload(ByteSource source, string fileName, long dataOffset, long dataBytes)
    {
        long end = dataOffset + dataBytes;
        return FrameSync.Find(source, dataOffset, end) is { Kind: FrameStreamKind.Mpeg } frames
            ? Mp3Probe.Probe(source, new ProbeReport(fileName), frames.Offset, end)
            : null;
    }

    private static double? Duration(WavFormat format, long dataBytes, long? factSamples)
    {
        // Uncompressed audio: every block is one sample frame. Compressed: the fact chunk counts the samples, else
        // the average byte rate is the best estimate the header offers.
        if (format.IsUncompressed && format.SampleRate > 0 && PcmFrameBytes(format) is > 0 and var frameBytes)
        {
            return (double)(dataBytes / frameBytes) / format.SampleRate;
        }

        // MPEG audio in a WAV (0x0050, 0x0055): writers fill the fact chunk inconsistently (ffmpeg counts the samples it
        // was given, not the frames' 1,152 or 576 each); the frames are constant-size at the header's byte rate.
        bool mpeg = format.EffectiveTag is WavFormatTags.MpegLayer12 or WavFormatTags.MpegLayer3;
        if (factSamples is > 0 && format.SampleRate > 0 && !mpeg)
        {
            return (double)factSamples.Value / format.SampleRate;
        }

        return format.AverageBytesPerSecond > 0 ? (double)dataBytes / format.AverageBytesPerSecond : null;
    }

    /// <summary>
    /// The 'fmt ' chunk's payload of a little-endian WAV held in memory, at most <paramref name="maxBytes"/> of it, or
    /// null without one: for decoders that need the codec's own fields after WAVEFORMATEX (an ADPCM block's sample
    /// count and coefficients), which the probe itself does not keep.
    /// </summary>
    internal static byte[]? FormatPayload(byte[] content, int maxBytes)
    {
        using var stream = new MemoryStream(content, writable: false);
        return WalkChunks(new ByteSource(stream), bigEndian: false, maxBytes).FormatPayload;
    }

    private static ChunkWalk WalkChunks(ByteSource source, bool bigEndian, int formatBytes = WavFormat.MaxUsefulBytes)
    {
        var walk = new ChunkWalk();
        Span<byte> header = stackalloc byte[8];
        Span<byte> ds64 = stackalloc byte[24];
        Span<byte> fact = stackalloc byte[4];
        Span<byte> unpadded = stackalloc byte[4];
        long position = 12;
        long? ds64DataSize = null;
        for (var chunk = 0; chunk < MaxChunks && source.TryReadExactly(position, header); chunk++)
        {
            if (!IsChunkId(header[..4]))
            {
                // Garbage where a chunk header should be: nothing after it can be trusted. After a chunk of odd size,
                // a chunk header one byte earlier means its writer left out the pad byte RIFF requires.
                if (walk.LastOddChunk is { } odd && odd.End == position - 1 && source.TryReadExactly(odd.End, unpadded) && IsChunkId(unpadded))
                {
                    walk.MissingPad = $"its '{odd.Id}' chunk has an odd size ({odd.Size:N0} bytes) and no pad byte after it, which RIFF requires, so the '{System.Text.Encoding.ASCII.GetString(unpadded)}' chunk after it starts a byte early (ffmpeg cannot read it either)";
                }

                break;
            }

            var size = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(header[4..]) : BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            var payload = position + 8;
            var id = header[..4];
            if (id.SequenceEqual("fmt "u8) && walk.FormatPayload is null)
            {
                walk.FormatPayload = source.ReadBlock(payload, (int)Math.Min(size, formatBytes));
                walk.FormatDeclaredSize = size;
                walk.FormatCut = walk.FormatPayload.Length < Math.Min(size, formatBytes);
            }
            else if (id.SequenceEqual("data"u8) && walk.DataOffset is null)
            {
                walk.DataOffset = payload;
                walk.DataRawSize = size;
                walk.HasDs64DataSize = ds64DataSize is not null;
                walk.DataDeclaredSize = size == Rf64SizePlaceholder && ds64DataSize is { } large ? large : size;
            }
            else if (id.SequenceEqual("ds64"u8) && size >= 24)
            {
                if (source.TryReadExactly(payload, ds64))
                {
                    var dataSize = BinaryPrimitives.ReadInt64LittleEndian(ds64[8..]);
                    ds64DataSize = dataSize >= 0 ? dataSize : null;
                }
            }
            else if (id.SequenceEqual("fact"u8) && size >= 4)
            {
                if (source.TryReadExactly(payload, fact))
                {
                    walk.FactSampleCount = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(fact) : BinaryPrimitives.ReadUInt32LittleEndian(fact);
                }
            }

            if (walk.FormatPayload is not null && walk.DataOffset is not null)
            {
                break;
            }

            var chunkSize = id.SequenceEqual("data"u8) ? walk.DataDeclaredSize : size;
            walk.LastOddChunk = (chunkSize & 1) == 1 ? (System.Text.Encoding.ASCII.GetString(id), chunkSize, payload + chunkSize) : null;
            position = payload + chunkSize + (chunkSize & 1);
        }

        return walk;
    }

    /// <summary>Chunk ids are four printable ASCII characters ("fmt ", "LIST", "JUNK"...).</summary>
    private static bool IsChunkId(ReadOnlySpan<byte> id)
    {
        foreach (var b in id)
        {
            if (b < 0x20 || b > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    private sealed class ChunkWalk
    {
        public byte[]? FormatPayload { get; set; }
        public long FormatDeclaredSize { get; set; }
        public bool FormatCut { get; set; }
        public long? DataOffset { get; set; }
        public long DataDeclaredSize { get; set; }
        public uint DataRawSize { get; set; }
        public bool HasDs64DataSize { get; set; }
        public long? FactSampleCount { get; set; }
        public (string Id, long Size, long End)? LastOddChunk { get; set; }

        /// <summary>Why the walk stopped, when a writer left out a pad byte (the walk found no data chunk after it).</summary>
        public string? MissingPad { get; set; }
    }
}
