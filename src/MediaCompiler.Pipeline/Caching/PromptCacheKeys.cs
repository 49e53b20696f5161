using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MediaCompiler.Audio.Rules;
using MediaCompiler.Codecs.Decoding;
using MediaCompiler.Platforms.Checking;

namespace MediaCompiler.Pipeline.Caching;

/// <summary>
/// The keys of <see cref="PromptCache"/>: everything a cached answer depends on, hashed. A key changes when the
/// source's bytes change, when a setting that changes the answer changes, or when the code that computes it does
/// (the assemblies' module version ids: a package upgrade is a new key, never a stale answer).
/// </summary>
public static class PromptCacheKeys
{
    private static readonly string CodeIdentity = string.Join("|",
        new[] { typeof(PromptCacheKeys), typeof(PromptChecks), typeof(PromptDecoder), typeof(PromptValidation) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    /// <summary>
    /// The content checks of one source: its bytes, where it is (messages name the file), the platform's rules and
    /// the quality settings.
    /// </summary>
    public static string Checks(string sourceHash, string path, TargetPlatform platform, bool convertAudio, QualitySettings quality) =>
        Hash("checks", sourceHash, path, platform.ToString(), convertAudio ? "convert" : "as-is",
            JsonSerializer.Serialize(quality.Thresholds, PromptCacheKeyJson.Default.QualityThresholds), quality.Enabled ? "quality" : "errors-only", quality.LevelsAudio ? "levelled" : "as-is",
            CodeIdentity);

    /// <summary>
    /// What the platform compiled from one source: the checks' key, the compile settings, the prompt's own metadata
    /// that reaches the compiler, and the platform's identity (the engine's code, or a remote engine's address).
    /// </summary>
    public static string Output(string checksKey, PromptInput prompt, PipelineSettings settings, string platformIdentity) =>
        Hash("output", checksKey, settings.Encoding, JsonSerializer.Serialize(settings.Options, PromptCacheKeyJson.Default.CompileOptions),
            prompt.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture), prompt.FallbackEncoding, platformIdentity);

    /// <summary>A platform's local conversion of one source (<paramref name="conversion"/> names it and its settings).</summary>
    public static string Conversion(string checksKey, string conversion, string codeIdentity) =>
        Hash("conversion", checksKey, conversion, codeIdentity);

    private static string Hash(params string[] parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", parts)))).ToLowerInvariant();
}
