namespace MediaCompiler.Audio.Probing;

/// <summary>
/// One TrackEntry of a Matroska/WebM file's Tracks element: what the probe reports and the WebM decoder needs (its
/// number, which blocks carry; its type; its codec and the codec's private header, an OpusHead for Opus; the audio
/// rate and channels the container declares).
/// </summary>
internal sealed record MatroskaTrack(long Number, int Type, string CodecId, byte[] CodecPrivate, double SamplingFrequency, int Channels)
{
    /// <summary>The stable codec name (<see cref="AudioProbeResult.Codec"/>) and its description, from the CodecID.</summary>
    public (string Codec, string Description) Codec => CodecId switch
    {
        "A_OPUS" => ("opus", "Opus"),
        "A_VORBIS" => ("vorbis", "Vorbis"),
        "A_FLAC" => ("flac", "FLAC"),
        "A_MPEG/L3" => ("mp3", "MP3"),
        "A_MPEG/L2" => ("mp2", "MPEG Layer II"),
        "A_AC3" => ("ac3", "Dolby AC-3"),
        "A_PCM/INT/LIT" => ("pcm", "linear PCM"),
        "A_PCM/FLOAT/IEEE" => ("pcm_float", "floating-point PCM"),
        _ when CodecId.StartsWith("A_AAC", StringComparison.Ordinal) => ("aac", "AAC"),
        _ => ($"unknown({CodecId})", $"'{CodecId}' audio"),
    };

    /// <summary>The first audio track of a Tracks element's data, or null when it lists none.</summary>
    public static MatroskaTrack? FirstAudio(ReadOnlySpan<byte> tracks)
    {
        int position = 0;
        while (Ebml.TryReadElement(tracks, position, out var element) && element.Size != Ebml.UnknownSize)
        {
            int end = element.DataEnd(tracks.Length);
            if (element.Id == Ebml.TrackEntry && Parse(tracks[element.DataStart..end]) is { Type: Ebml.AudioTrackType } track)
            {
                return track;
            }

            position = end;
        }

        return null;
    }

    private static MatroskaTrack Parse(ReadOnlySpan<byte> entry)
    {
        long number = 0;
        int type = 0;
        string codecId = "";
        byte[] codecPrivate = [];
        double rate = 8000; // Matroska's default SamplingFrequency
        int channels = 1;   // and Channels
        int position = 0;
        while (Ebml.TryReadElement(entry, position, out var element) && element.Size != Ebml.UnknownSize)
        {
            int end = element.DataEnd(entry.Length);
            var data = entry[element.DataStart..end];
            switch (element.Id)
            {
                case Ebml.TrackNumber:
                    number = (long)Ebml.ReadUnsigned(data);
                    break;
                case Ebml.TrackType:
                    type = (int)Ebml.ReadUnsigned(data);
                    break;
                case Ebml.CodecId:
                    codecId = System.Text.Encoding.ASCII.GetString(data).TrimEnd('\0');
                    break;
                case Ebml.CodecPrivate:
                    codecPrivate = data.ToArray();
                    break;
                case Ebml.Audio:
                    (rate, channels) = ReadAudio(data, rate, channels);
                    break;
            }

            position = end;
        }

        return new MatroskaTrack(number, type, codecId, codecPrivate, rate, channels);
    }

    private static (double Rate, int Channels) ReadAudio(ReadOnlySpan<byte> audio, double rate, int channels)
    {
        int position = 0;
        while (Ebml.TryReadElement(audio, position, out var element) && element.Size != Ebml.UnknownSize)
        {
            int end = element.DataEnd(audio.Length);
            if (element.Id == Ebml.SamplingFrequency)
            {
                rate = Ebml.ReadFloat(audio[element.DataStart..end]);
            }
            else if (element.Id == Ebml.Channels)
            {
                channels = (int)Math.Min(255, Ebml.ReadUnsigned(audio[element.DataStart..end]));
            }

            position = end;
        }

        return (rate, channels);
    }
}
