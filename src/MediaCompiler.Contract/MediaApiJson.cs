using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaCompiler.Contract;

/// <summary>The JSON settings of the media API wire format: camelCase names, nulls written, case-insensitive reads.</summary>
public static class MediaApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
