using System.Globalization;
using MediaCompiler.Client;
using MediaCompiler.Pipeline.Planning;
using MediaCompiler.Pipeline.Steps;

namespace MediaCompiler.Pipeline;

/// <summary>The media API as a platform: the steps over an <see cref="IMediaEngineClient"/> (HTTP or in-process).</summary>
public sealed class MediaApiPlatform(IMediaEngineClient client, string flowId, string encoding) : IPromptPlatform
{
    public string Description => client.Description;

    public string? OutputIdentity => client.OutputIdentity;

    public string Summarize(RunSummary summary) => summary.CompilationId is null
        ? string.Format(CultureInfo.InvariantCulture,
            "IVR prompts: {0} up to date for flow '{1}' ({2}) in {3:0.00} s: unchanged, their compiled output from the prompt cache; nothing sent to {4}.",
            summary.Prompts, flowId, encoding, summary.Elapsed.TotalSeconds, Description)
        : string.Format(CultureInfo.InvariantCulture,
            "IVR prompts: {0} compiled for flow '{1}' ({2}) by {3} in {4:0.00} s: {5} uploaded, {6} reused{8} (compilation {7}).",
            summary.Prompts, flowId, encoding, Description, summary.Elapsed.TotalSeconds, summary.Uploaded, summary.Reused, summary.CompilationId,
            summary.FromCache == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {summary.FromCache} unchanged from the prompt cache"));

    public Task<AssetResolution> ResolveAssetsAsync(IReadOnlyList<ValidatedPrompt> prompts, RunContext context, CancellationToken cancellationToken) =>
        new AssetResolutionStep(client, context).RunAsync(prompts, cancellationToken);

    /// <summary>
    /// A search by content hash for each distinct prompt (GETs only, up to the light-request parallelism; the build's
    /// one batch look-up is a POST, which a plan keeps away from even though it only reads): held content would be
    /// compiled, the rest uploaded first. The in-process engine starts empty on every build, so it holds nothing.
    /// </summary>
    public async Task<PromptPlan?> PlanAsync(IReadOnlyList<ValidatedPrompt> prompts, RunContext context, CancellationToken cancellationToken)
    {
        if (AssetResolutionStep.Hash(prompts, context, cancellationToken) is not { } hashes)
        {
            return null;
        }
        var held = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        try
        {
            await Parallel.ForEachAsync(hashes.Distinct(StringComparer.Ordinal),
                new ParallelOptions { MaxDegreeOfParallelism = context.LightRequestParallelism, CancellationToken = cancellationToken },
                async (hash, token) =>
                {
                    var found = await client.FindAssetsByContentHashAsync(hash, token).ConfigureAwait(false);
                    if (found.Any(a => string.Equals(a.ContentHash, hash, StringComparison.OrdinalIgnoreCase)))
                    {
                        held[hash] = true;
                    }
                }).ConfigureAwait(false);
        }
        catch (Exception ex) when (EngineDiagnostics.IsCallFailure(ex))
        {
            context.Failures.Add(null, EngineDiagnostics.CallFailed("Planning (a search of the prompts' content)", ex));
            return null;
        }
        return new PromptPlan(Description, prompts.Select((p, i) =>
            new PlannedPrompt(held.ContainsKey(hashes[i]) ? PlanAction.Compile : PlanAction.Upload, p.Input.Path, p.Input.NodeId, null)).ToList());
    }

    public Task<CompileOutcome> CompileAsync(IReadOnlyList<ValidatedPrompt> prompts, AssetResolution assets, RunContext context, CancellationToken cancellationToken) =>
        new CompileStep(client, context).RunAsync(prompts, assets, cancellationToken);

    public Task<IReadOnlyList<DownloadedPrompt>> DownloadAsync(IReadOnlyList<ReadyPrompt> ready, string directory, RunContext context, CancellationToken cancellationToken) =>
        new DownloadStep(client, context).RunAsync(ready, directory, cancellationToken);

    public void Dispose() => client.Dispose();
}
