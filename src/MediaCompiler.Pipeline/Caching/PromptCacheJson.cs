using System.Text.Json.Serialization;
using MediaCompiler.Codecs.Loudness;
using MediaCompiler.Contract;

namespace MediaCompiler.Pipeline.Caching;

/// <summary>
/// The prompt cache's JSON, generated at compile time. Reflection-based serialization builds each type's metadata on
/// first use, in every build (a fresh process): for the settings hashed into each key that took ~100 ms of a cold
/// build of 200 prompts, every validation thread waiting on the first one. Generated metadata costs nothing to build.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class PromptCacheJson : JsonSerializerContext;

/// <summary>The settings a key covers, as JSON: every property, so a setting added later is in the key without a change here.</summary>
[JsonSerializable(typeof(QualityThresholds))]
[JsonSerializable(typeof(CompileOptions))]
internal sealed partial class PromptCacheKeyJson : JsonSerializerContext;
