using MediaCompiler.Audio.Rules;

namespace MediaCompiler.Audio.Tests.Builders;

/// <summary>Probe and validate in-memory bytes, as the engine does with uploads.</summary>
public static class InMemory
{
    public static AudioProbeResult Probe(byte[] bytes, string name) => AudioProbe.Probe(new MemoryStream(bytes, writable: false), name);

    public static PromptValidation Validate(byte[] bytes, string name) => PromptValidator.Validate(new MemoryStream(bytes, writable: false), name);

    public static string[] Codes(this PromptValidation validation) => validation.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal).ToArray();

    public static string[] Codes(this AudioProbeResult probe) => probe.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal).ToArray();
}
