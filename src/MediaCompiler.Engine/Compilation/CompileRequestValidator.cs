using MediaCompiler.Diagnostics;
using MediaCompiler.Contract;
using MediaCompiler.Codecs.Encodings;

namespace MediaCompiler.Engine.Compilation;

/// <summary>
/// Checks a compile submission field by field. Every problem is reported (not only the first), each naming its field
/// the way the wire spells it: <c>flowId</c>, <c>encoding</c>, <c>media</c>, <c>media[1].assetId</c>,
/// <c>media[1].nodeId</c>, <c>media[1].fallbackEncoding</c>, <c>options.maxChannels</c>, <c>options.targetSpeechLevelDbov</c>.
/// </summary>
internal static class CompileRequestValidator
{
    public static List<ApiErrorDetail> Validate(CompileRequest? request, Func<string, bool> assetExists, IReadOnlyCollection<string>? knownFlowIds)
    {
        var details = new List<ApiErrorDetail>();
        if (request is null)
        {
            Add(details, null, DiagnosticCatalog.EngineRequestMissing);
            return details;
        }

        if (string.IsNullOrWhiteSpace(request.FlowId))
        {
            Add(details, "flowId", DiagnosticCatalog.EngineFlowIdMissing);
        }
        else if (knownFlowIds is not null && !knownFlowIds.Contains(request.FlowId, StringComparer.Ordinal))
        {
            Add(details, "flowId", DiagnosticCatalog.EngineFlowIdUnknown, request.FlowId,
                knownFlowIds.Count == 0 ? "none" : string.Join(", ", knownFlowIds));
        }

        if (!G711.TryParseEncoding(request.Encoding, out _))
        {
            Add(details, "encoding", DiagnosticCatalog.EngineEncodingUnknown, "encoding", request.Encoding ?? "(missing)");
        }

        if (request.Options is { MaxChannels: not 1 } options)
        {
            Add(details, "options.maxChannels", DiagnosticCatalog.EngineMaxChannelsInvalid, options.MaxChannels);
        }

        if (request.Options?.TargetSpeechLevelDbov is double target
            && !(target >= DiagnosticCatalog.MinTargetSpeechLevelDbov && target <= DiagnosticCatalog.MaxTargetSpeechLevelDbov))
        {
            Add(details, "options.targetSpeechLevelDbov", DiagnosticCatalog.InvalidTargetSpeechLevel, "options.targetSpeechLevelDbov",
                target.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (request.Media is not { Count: > 0 } media)
        {
            Add(details, "media", DiagnosticCatalog.EngineMediaEmpty);
            return details;
        }

        var firstUseOfNode = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < media.Count; i++)
        {
            var entry = media[i];
            if (string.IsNullOrWhiteSpace(entry?.AssetId))
            {
                Add(details, $"media[{i}].assetId", DiagnosticCatalog.EngineAssetIdMissing, i);
            }
            else if (!assetExists(entry.AssetId))
            {
                Add(details, $"media[{i}].assetId", DiagnosticCatalog.EngineAssetUnknown, i, entry.AssetId);
            }

            if (string.IsNullOrWhiteSpace(entry?.NodeId))
            {
                Add(details, $"media[{i}].nodeId", DiagnosticCatalog.EngineNodeIdMissing, i);
            }
            else if (firstUseOfNode.TryGetValue(entry.NodeId, out var first))
            {
                Add(details, $"media[{i}].nodeId", DiagnosticCatalog.EngineNodeIdDuplicate, i, entry.NodeId, first);
            }
            else
            {
                firstUseOfNode[entry.NodeId] = i;
            }

            if (entry?.FallbackEncoding is { } fallback && !G711.TryParseEncoding(fallback, out _))
            {
                Add(details, $"media[{i}].fallbackEncoding", DiagnosticCatalog.EngineEncodingUnknown, $"media[{i}].fallbackEncoding", fallback);
            }
        }

        return details;
    }

    private static void Add(List<ApiErrorDetail> details, string? field, DiagnosticDescriptor descriptor, params object?[] args)
    {
        var diagnostic = Diagnostic.Create(descriptor, null, args);
        details.Add(new ApiErrorDetail(field, diagnostic.Code, diagnostic.Message));
    }
}
