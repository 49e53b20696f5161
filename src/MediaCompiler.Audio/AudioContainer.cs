namespace MediaCompiler.Audio;

/// <summary>What a file's bytes really are, whatever its name says.</summary>
public enum AudioContainer
{
    /// <summary>Not a format we recognise (random bytes, text, an unknown container).</summary>
    Unknown,
    /// <summary>RIFF/WAVE, little-endian.</summary>
    Wav,
    /// <summary>RIFX/WAVE, the big-endian variant.</summary>
    Rifx,
    /// <summary>RF64/BW64, WAV with 64-bit sizes.</summary>
    Rf64,
    /// <summary>MPEG audio Layer III frames (optionally behind ID3v2).</summary>
    Mp3,
    /// <summary>AAC in ADTS framing.</summary>
    Adts,
    /// <summary>AAC in the ADIF header format.</summary>
    Adif,
    /// <summary>An ISO BMFF (MP4/M4A/3GP) container.</summary>
    Mp4,
    /// <summary>An Ogg bitstream (Vorbis, Opus, FLAC or another codec inside).</summary>
    Ogg,
    /// <summary>Native FLAC.</summary>
    Flac,
    /// <summary>AIFF or AIFF-C (big-endian PCM, or G.711 and float in AIFF-C), as Mac tools export it.</summary>
    Aiff,
    /// <summary>Headerless samples named by their extension (Asterisk's .ulaw, .alaw, .sln, .g722 sound files).</summary>
    Raw,
    /// <summary>Sun/NeXT audio (.au, .snd), mostly 8 kHz mu-law.</summary>
    Au,
    /// <summary>Apple's Core Audio Format (linear PCM or G.711 inside, or a compressed codec).</summary>
    Caf,
    /// <summary>A Matroska or WebM container (browsers' MediaRecorder: Opus in WebM).</summary>
    WebM,
}
