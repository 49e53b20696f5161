using MediaCompiler.Diagnostics;

namespace MediaCompiler.Audio.Rules;

/// <summary>
/// The rules that depend on the target platform and on the file name, applied on top of the media engine's
/// (<see cref="PromptValidator"/>): the NodeId the build derives from the name, and for Genesys Cloud its name rule,
/// its 25 MB limit and its WAV-only preflight (RIFF/WAVE PCM, A-law or mu-law, mono, 8 or 16 kHz).
/// </summary>
public static class PlatformRules
{
    public static PromptValidation Validate(string path, TargetPlatform platform)
    {
        var probe = AudioProbe.Probe(path);
        return Validate(platform == TargetPlatform.MediaApi ? PromptValidator.Validate(probe) : GenesysBase(probe), platform);
    }

    /// <summary>Adds the name and platform rules to a media-engine verdict.</summary>
    public static PromptValidation Validate(PromptValidation engineVerdict, TargetPlatform platform)
    {
        var probe = engineVerdict.Probe;
        var diagnostics = engineVerdict.Diagnostics.ToList();
        var name = PromptNameRules.NodeIdFromFileName(probe.Path);
        if (!PromptNameRules.IsValidNodeId(name))
        {
            // The build's own code and wording (IVR2021), so that the CLI and the build report the same thing.
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidNodeId, probe.Path, name, probe.Path, PromptNameRules.ProposeNodeId(name)));
        }

        if (platform == TargetPlatform.Genesys)
        {
            AddGenesysRules(probe, name, diagnostics);
        }

        return new PromptValidation(probe, diagnostics);
    }

    /// <summary>
    /// Genesys has its own size limit and formats, so of the media engine's rules only the structural ones (what the
    /// probe found) and those Genesys shares (mono, 8/16 kHz, WAV encodings) apply; its size rule replaces IVR1102.
    /// </summary>
    private static PromptValidation GenesysBase(AudioProbeResult probe)
    {
        var engine = PromptValidator.Validate(probe);
        return new PromptValidation(probe, engine.Diagnostics.Where(d => d.Code != DiagnosticCatalog.PromptTooLarge.Code).ToList());
    }

    private static void AddGenesysRules(AudioProbeResult probe, string name, List<Diagnostic> diagnostics)
    {
        const string platform = "Genesys Cloud";
        if (!PromptNameRules.IsValidGenesysName(name))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.PlatformNameInvalid, probe.Path, probe.Path, name, platform,
                "^[A-Za-z][A-Za-z0-9_]{0,199}$ (letters, digits and '_', starting with a letter, at most 200)",
                PromptNameRules.SuggestGenesysName(name) + System.IO.Path.GetExtension(probe.Path)));
        }

        if (probe.SizeBytes > TargetPlatforms.GenesysMaxFileSizeBytes)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.PlatformFileTooLarge, probe.Path, probe.Path, probe.SizeBytes, platform,
                TargetPlatforms.GenesysMaxFileSizeBytes, "genesys"));
        }

        if (probe.Container is not (AudioContainer.Wav or AudioContainer.Unknown))
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.PlatformFormatNotAccepted, probe.Path, probe.Path,
                probe.CodecDescription ?? probe.Container.ToString(), platform,
                "RIFF/WAVE files (16-bit PCM, 8-bit A-law or 8-bit mu-law)", "genesys"));
        }
    }
}
