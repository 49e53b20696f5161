using MediaCompiler.Audio.Rules;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline;

/// <summary>
/// What a platform other than the media API adds to the build's settings, parsed by that platform's own project
/// (Genesys Cloud: MediaCompiler.Pipeline.Genesys). The pipeline reads only these neutral facts; the platform's
/// project reads the rest when it opens its <see cref="IPromptPlatform"/>.
/// </summary>
public abstract record PlatformSettings
{
    public abstract TargetPlatform Kind { get; }

    /// <summary>Whether audio the platform does not take as it is gets converted on its way (else it is refused).</summary>
    public abstract bool ConvertAudio { get; }

    /// <summary>Whether the compiled (transcoded) prompts are saved into IvrCompiledPromptsDirectory.</summary>
    public abstract bool DownloadCompiledPrompts { get; }
}

/// <summary>
/// The seam through which <see cref="SettingsParser"/> reads a platform's own properties and its item conventions.
/// The build task passes one for each platform it knows; the shared settings stay <see cref="SettingsParser"/>'s.
/// </summary>
public interface IPlatformSettingsParser
{
    TargetPlatform Kind { get; }

    /// <summary>The platform's own settings, every problem reported into <paramref name="diagnostics"/> (IVR2xxx/IVR6xxx).</summary>
    PlatformSettings Parse(RawBuildSettings sharedSettings, bool validateOnly, Func<string, string?> environment, List<Diagnostic> diagnostics);

    /// <summary>The prompts by the platform's conventions (names, languages), item problems reported into <paramref name="diagnostics"/>.</summary>
    List<PromptInput> ParsePrompts(PlatformSettings settings, IReadOnlyList<RawPrompt> prompts, List<Diagnostic> diagnostics);
}
