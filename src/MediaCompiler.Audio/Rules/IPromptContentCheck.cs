using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Rules;

/// <summary>
/// A check that needs the decoded audio (silence, decodability, quality warnings), run after the header rules pass.
/// The CLI and the build hold one implementation each, backed by the engine's decoder and quality analyser, so that
/// the header rules here stay free of decoding. Implementations return diagnostics, never throw for any content.
/// </summary>
public interface IPromptContentCheck
{
    IReadOnlyList<Diagnostic> Check(string path, AudioProbeResult probe, TargetPlatform platform);
}
