namespace MediaCompiler.Audio;

/// <summary>
/// Reads what an audio file really is from its headers. Bounded reads only: a 2 GB file costs about the same as a
/// 2 KB one. Never throws for any content: unreadable, empty, truncated or random bytes come back as diagnostics.
/// </summary>
public static class AudioProbe
{
    /// <summary>Probes the file at <paramref name="path"/>.</summary>
    public static AudioProbeResult Probe(string path) => throw new NotImplementedException();

    /// <summary>Probes a seekable stream; <paramref name="displayName"/> is used in messages and for the extension.</summary>
    public static AudioProbeResult Probe(Stream content, string displayName) => throw new NotImplementedException();
}
