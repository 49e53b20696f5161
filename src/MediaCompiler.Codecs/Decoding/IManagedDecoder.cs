namespace MediaCompiler.Codecs.Decoding;

/// <summary>
/// A decoder that runs in-process with no external program. Decoding is CPU-bound and bounded by the content's size,
/// so it is synchronous; the token is checked between blocks so that a cancelled build stops promptly.
/// </summary>
internal interface IManagedDecoder
{
    /// <summary>The codec's name as messages show it ("MP3", "Ogg Vorbis"...).</summary>
    string FormatName { get; }

    DecodeResult Decode(byte[] content, string fileName, CancellationToken cancellationToken);
}
