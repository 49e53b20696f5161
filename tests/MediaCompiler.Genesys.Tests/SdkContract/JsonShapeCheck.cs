using System.Text.Json;

namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>
/// Walks a JSON document against an SDK model: every property must be a field of the model (no invented field), and
/// every value must have the JSON kind of the field's SDK type (string, number, boolean, array, object, map), down
/// through nested models, arrays and maps. Missing fields are not differences (the SDK marks all but a few optional).
/// </summary>
internal static class JsonShapeCheck
{
    /// <param name="seen">Collects "Model.field" for every field met, so a caller can tell which SDK fields we never send.</param>
    public static List<ContractDifference> Check(SdkContract sdk, JsonElement json, string type, string where, ISet<string>? seen = null)
    {
        var differences = new List<ContractDifference>();
        Walk(sdk, json, type, where, "$", differences, seen ?? new HashSet<string>());
        return differences;
    }

    private static void Walk(SdkContract sdk, JsonElement json, string type, string where, string path, List<ContractDifference> differences, ISet<string> seen)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        type = type.Trim();
        if (type.StartsWith("Array<", StringComparison.Ordinal) && type.EndsWith('>'))
        {
            if (Expect(json, JsonValueKind.Array, type, where, path, differences))
            {
                foreach (var item in json.EnumerateArray())
                {
                    Walk(sdk, item, type[6..^1], where, path + "[]", differences, seen);
                }
            }

            return;
        }

        if (type.StartsWith("{ [key: string]: ", StringComparison.Ordinal))
        {
            if (Expect(json, JsonValueKind.Object, type, where, path, differences))
            {
                var valueType = type["{ [key: string]: ".Length..type.LastIndexOf(';')];
                foreach (var entry in json.EnumerateObject())
                {
                    Walk(sdk, entry.Value, valueType, where, path + "{}", differences, seen);
                }
            }

            return;
        }

        switch (type)
        {
            case "string" or "Date":
                Expect(json, JsonValueKind.String, type, where, path, differences);
                return;
            case "number":
                Expect(json, JsonValueKind.Number, type, where, path, differences);
                return;
            case "boolean":
                if (json.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    differences.Add(new($"{where} {path}", "boolean", $"send a JSON {json.ValueKind}"));
                }

                return;
            case "object":
                return;
        }

        if (!sdk.Models.TryGetValue(type, out var fields))
        {
            differences.Add(new($"{where} {path}", $"model {type}, which the fixture does not hold", "cannot be checked: extend the extractor's depth"));
            return;
        }

        if (!Expect(json, JsonValueKind.Object, type, where, path, differences))
        {
            return;
        }

        foreach (var property in json.EnumerateObject())
        {
            var fieldPath = $"{path}.{property.Name}";
            if (!fields.TryGetValue(property.Name, out var field))
            {
                differences.Add(new($"{where} {fieldPath}", $"{type} has no field '{property.Name}' (its fields: {string.Join(", ", fields.Keys)})", "send it"));
                continue;
            }

            seen.Add($"{type}.{property.Name}");
            Walk(sdk, property.Value, field.Type, where, fieldPath, differences, seen);
        }
    }

    private static bool Expect(JsonElement json, JsonValueKind kind, string type, string where, string path, List<ContractDifference> differences)
    {
        if (json.ValueKind == kind)
        {
            return true;
        }

        differences.Add(new($"{where} {path}", $"{type} (a JSON {kind})", $"send a JSON {json.ValueKind}"));
        return false;
    }
}
