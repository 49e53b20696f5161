using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MediaCompiler.Contract;

/// <summary>The JSON settings of the media API wire format: camelCase names, nulls written, case-insensitive reads.</summary>
public static class MediaApiJson
{
    /// <remarks>
    /// The contract's types take their metadata from <see cref="MediaApiJsonContext"/>, generated at compile time:
    /// reflection built it on first use, in every build (a fresh process), ~50 ms of a cold build before the first
    /// upload. The names, nulls and case rules stay these options': generated metadata carries CLR names, and the
    /// naming policy is applied to it at run time as to reflected metadata. Any other type (an emulator's admin
    /// answer) falls back to reflection, and so does <see cref="CompileRequest"/>: the .NET 8 generator sets an
    /// init-only property the JSON omits to default(T), where reflection keeps its initializer (an absent
    /// <c>normalizeVolume</c> would read as false).
    /// </remarks>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(MediaApiJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>
    /// How a client writes a <see cref="CompileRequest"/>: generated metadata with these options' names and nulls.
    /// Writing never meets the generator's init-only default (that is a read), and reflection would build the
    /// request's metadata, with emitted accessors, in the middle of every cold build.
    /// </summary>
    public static JsonTypeInfo<CompileRequest> CompileRequestWriter => MediaApiRequestJsonContext.Default.CompileRequest;
}

/// <summary>The media API's messages, for <see cref="MediaApiJson.Options"/>.</summary>
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(AssetLookupRequest))]
[JsonSerializable(typeof(AssetLookupResult))]
[JsonSerializable(typeof(AssetBatchResult))]
[JsonSerializable(typeof(OutputArchiveRequest))]
[JsonSerializable(typeof(MediaAssetDto))]
[JsonSerializable(typeof(MediaAssetListing))]
[JsonSerializable(typeof(CompileAccepted))]
[JsonSerializable(typeof(CompileJobStatus))]
[JsonSerializable(typeof(WebhookPayload))]
internal sealed partial class MediaApiJsonContext : JsonSerializerContext;

/// <summary>The requests a client writes, for <see cref="MediaApiJson.CompileRequestWriter"/>: never used to read them.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CompileRequest))]
internal sealed partial class MediaApiRequestJsonContext : JsonSerializerContext;
