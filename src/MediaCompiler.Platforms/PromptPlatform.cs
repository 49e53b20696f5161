using MediaCompiler.Audio;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Diagnostics;
using MediaCompiler.Platforms.Rules;

namespace MediaCompiler.Platforms;

/// <summary>
/// One platform as the build and the CLI both see it: the file rules its uploads must pass, the rule for the name it
/// gives a prompt, and whether it levels the audio it receives. The MSBuild task and every <c>ivr-media</c> command
/// resolve it with <see cref="For"/> from the same settings, so a file gets the same codes on both paths.
/// </summary>
public abstract class PromptPlatform
{
    public abstract TargetPlatform Kind { get; }

    /// <summary>Whether audio the platform does not take as it is gets converted on its way (else the rules refuse it).</summary>
    public virtual bool ConvertsAudio => false;

    public string Name => TargetPlatforms.Name(Kind);

    public string DisplayName => TargetPlatforms.DisplayName(Kind);

    /// <summary>The rules on the file itself (container, codec, rate, size...), in the platform's codes.</summary>
    public PromptValidation ValidateFile(string path) => ValidateFile(AudioProbe.Probe(path));

    /// <summary>The file rules on what a probe found (of a file, or of bytes in memory such as a fix's output).</summary>
    public abstract PromptValidation ValidateFile(AudioProbeResult probe);

    /// <summary>
    /// The name rule for <paramref name="name"/> (a NodeId on the media API, an Architect prompt name on Genesys), or
    /// null when it passes. The build checks the name from the item's metadata; the CLI the default from the file name.
    /// </summary>
    public abstract Diagnostic? CheckName(string path, string name);

    /// <summary>The file rules and the rule on the default name (the file name without its extension).</summary>
    public PromptValidation Validate(string path)
    {
        var verdict = ValidateFile(path);
        return CheckName(path, Path.GetFileNameWithoutExtension(path)) is { } nameProblem
            ? verdict with { Diagnostics = [.. verdict.Diagnostics, nameProblem] }
            : verdict;
    }

    /// <param name="kind">Where the prompts go.</param>
    /// <param name="convertAudio">Genesys only: whether formats it does not take as they are may be converted locally.</param>
    public static PromptPlatform For(TargetPlatform kind, bool convertAudio = true) => kind switch
    {
        TargetPlatform.Genesys => new GenesysPlatformRules(convertAudio),
        _ => MediaApiPlatformRules.Instance,
    };
}

/// <summary>The media API: the engine's own rules (G.711 target, 2 MiB, 8/16 kHz mono...) and a NodeId per prompt.</summary>
public sealed class MediaApiPlatformRules : PromptPlatform
{
    public static MediaApiPlatformRules Instance { get; } = new();

    public override TargetPlatform Kind => TargetPlatform.MediaApi;

    public override PromptValidation ValidateFile(AudioProbeResult probe) => PromptValidator.Validate(probe);

    public override Diagnostic? CheckName(string path, string name) =>
        PromptNameRules.IsValidNodeId(name)
            ? null
            : Diagnostic.Create(DiagnosticCatalog.InvalidNodeId, path, name, MSBuildText.AttributeValue(path), PromptNameRules.ProposeNodeId(name));
}

/// <summary>
/// Genesys Cloud Architect: what it transcodes as it is, what we convert locally first (<see cref="GenesysPromptRules"/>),
/// and its prompt-name rule (IVR6023).
/// </summary>
public sealed class GenesysPlatformRules(bool convertAudio) : PromptPlatform
{
    public override TargetPlatform Kind => TargetPlatform.Genesys;

    public bool ConvertAudio { get; } = convertAudio;

    public override bool ConvertsAudio => ConvertAudio;

    public override PromptValidation ValidateFile(AudioProbeResult probe) => GenesysPromptRules.Validate(probe, ConvertAudio);

    public override Diagnostic? CheckName(string path, string name) =>
        PromptNameRules.IsValidGenesysName(name)
            ? null
            : Diagnostic.Create(DiagnosticCatalog.GenesysInvalidPromptName, path, name, PromptNameRules.SuggestGenesysName(name));
}
