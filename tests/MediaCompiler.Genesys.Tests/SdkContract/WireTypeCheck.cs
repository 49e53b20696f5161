using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>
/// Our client's wire types (src/MediaCompiler.Genesys/Wire) against the SDK models they stand for: every JSON name a
/// type reads or writes must be a field of its model, and a nested wire type must stand for the model the SDK field
/// names (PromptDto.resources → Array&lt;PromptAsset&gt;).
/// </summary>
internal static class WireTypeCheck
{
    /// <summary>Wire types whose SDK model is not their name without "Dto"; the rest map by name.</summary>
    public static readonly IReadOnlyDictionary<string, string> ModelOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PromptCreateDto"] = "Prompt",
        ["PromptAssetWriteDto"] = "PromptAssetCreate",
        ["PromptListingDto"] = "PromptEntityListing",
        ["DependencyListingDto"] = "ConsumingResourcesEntityListing",
        ["ErrorBodyDto"] = "ErrorBody",
    };

    /// <summary>Wire types of calls no SDK defines (the fixture's notInSdk list says why).</summary>
    public static readonly IReadOnlySet<string> OutsideTheSdk = new HashSet<string>(StringComparer.Ordinal) { "TokenResponseDto" };

    public static string? Model(Type type) =>
        ModelOf.TryGetValue(type.Name, out var model) ? model : type.Name.EndsWith("Dto", StringComparison.Ordinal) ? type.Name[..^3] : null;

    public static List<ContractDifference> Check(SdkContract sdk, IEnumerable<Type> wireTypes)
    {
        var differences = new List<ContractDifference>();
        foreach (var type in wireTypes.Where(t => !OutsideTheSdk.Contains(t.Name)))
        {
            var model = Model(type);
            if (model is null || !sdk.Models.TryGetValue(model, out var fields))
            {
                differences.Add(new($"client {type.Name}", $"no model {model ?? "(none)"} in {sdk.Source}", "have this wire type: map it in WireTypeCheck.ModelOf"));
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                var where = $"client {type.Name}.{property.Name}";
                if (!fields.TryGetValue(name, out var field))
                {
                    differences.Add(new(where, $"{model} has no field '{name}' (its fields: {string.Join(", ", fields.Keys)})", "read or write it"));
                    continue;
                }

                if (NestedWireType(property.PropertyType) is { } nested && Model(nested) is { } nestedModel
                    && !field.Type.Contains(nestedModel, StringComparison.Ordinal))
                {
                    differences.Add(new(where, $"{model}.{name} is {field.Type}", $"read it as {nested.Name} (model {nestedModel})"));
                }
            }
        }

        return differences;
    }

    /// <summary>The wire type a property holds, itself or as the element of a list.</summary>
    private static Type? NestedWireType(Type type)
    {
        var element = type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments().Last() : type;
        return element.Namespace == typeof(Wire.PromptDto).Namespace ? element : null;
    }
}
