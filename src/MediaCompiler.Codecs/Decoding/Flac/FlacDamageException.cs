namespace MediaCompiler.Codecs.Decoding.Flac;

/// <summary>
/// Raised by the FLAC parsers when the bytes break the format (a CRC that does not match, a reserved code, a read past
/// the end). <see cref="FlacStreamDecoder"/> catches exactly this type and turns it into a coded failure naming the
/// frame, so the deep parsing code needs no error plumbing; any other exception from this code is our bug and passes on.
/// </summary>
internal sealed class FlacDamageException(string reason, bool fileEnds = false) : Exception(reason)
{
    /// <summary>The bytes ran out where the format needs more: the file was cut short, not damaged (IVR1005, not IVR3120).</summary>
    public bool FileEnds { get; } = fileEnds;

    public static FlacDamageException CutShort(string reason) => new(reason, fileEnds: true);
}
