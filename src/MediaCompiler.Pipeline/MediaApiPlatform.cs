using System.Globalization;
using MediaCompiler.Client;
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

    public Task<CompileOutcome> CompileAsync(IReadOnlyList<ValidatedPrompt> prompts, AssetResolution assets, RunContext context, CancellationToken cancellationToken) =>
        new CompileStep(client, context).RunAsync(prompts, assets, cancellationToken);

    public Task<IReadOnlyList<DownloadedPrompt>> DownloadAsync(IReadOnlyList<ReadyPrompt> ready, string directory, RunContext context, CancellationToken cancellationToken) =>
        new DownloadStep(client, context).RunAsync(ready, directory, cancellationToken);

    public void Dispose() => client.Dispose();
}
