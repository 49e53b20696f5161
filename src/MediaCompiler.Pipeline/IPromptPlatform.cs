using MediaCompiler.Pipeline.Steps;

namespace MediaCompiler.Pipeline;

/// <summary>
/// The platform seam: the steps of a build that depend on where prompts are compiled. Today's implementation is
/// <see cref="MediaApiPlatform"/> (the media API, remote over HTTP or the in-process engine). A second platform
/// (Genesys Cloud Architect prompts) implements this interface in its own project; validation, result reporting,
/// the summary and the audit line stay shared in <see cref="PromptPipeline"/>.
/// </summary>
/// <remarks>
/// Contract for implementers: report every problem through <see cref="RunContext.Failures"/> (a coded diagnostic)
/// and say how it ended in the return value; throw only <see cref="OperationCanceledException"/> for the build's
/// cancellation. Anything else thrown is treated as a bug of ours (IVR9001).
/// </remarks>
public interface IPromptPlatform : IDisposable
{
    /// <summary>Where prompts go, for logs ("in-process media engine", a URL, an org). Never a secret.</summary>
    string Description { get; }

    /// <summary>Makes every prompt's content available to the platform (hash, reuse, upload).</summary>
    Task<AssetResolution> ResolveAssetsAsync(IReadOnlyList<ValidatedPrompt> prompts, RunContext context, CancellationToken cancellationToken);

    /// <summary>Compiles the resolved prompts and waits until the platform is done with them.</summary>
    Task<CompileOutcome> CompileAsync(IReadOnlyList<ValidatedPrompt> prompts, AssetResolution assets, RunContext context, CancellationToken cancellationToken);

    /// <summary>What the platform counted (requests, rate-limit waits, created ...) for the audit line; null: nothing beyond the shared fields.</summary>
    IReadOnlyDictionary<string, int>? AuditCounts => null;

    /// <summary>
    /// What the compiled output depends on besides the sources and settings (the engine's code, a remote engine's
    /// address), when the platform compiles each prompt on its own so that unchanged prompts need not be sent again;
    /// null: the platform needs every prompt on every run (a sync), so only the checks are cached.
    /// </summary>
    string? OutputIdentity => null;

    /// <summary>The build's closing line when every prompt went through ("... compiled for flow ...", "... synced with ...").</summary>
    string Summarize(RunSummary summary);

    /// <summary>
    /// IvrPlanOnly: what a run would do about each prompt, found with read requests only (nothing is sent, created or
    /// deleted). Null when the platform could not be read; the reason is in <see cref="RunContext.Failures"/>.
    /// </summary>
    Task<Planning.PromptPlan?> PlanAsync(IReadOnlyList<ValidatedPrompt> prompts, RunContext context, CancellationToken cancellationToken);

    /// <summary>Saves the compiled prompts into <paramref name="directory"/>.</summary>
    Task<IReadOnlyList<DownloadedPrompt>> DownloadAsync(IReadOnlyList<ReadyPrompt> ready, string directory, RunContext context, CancellationToken cancellationToken);
}

/// <summary>What a successful run did, for the platform's closing line.</summary>
/// <param name="Prompts">Prompts compiled (synced).</param>
/// <param name="Uploaded">Prompts whose audio was sent.</param>
/// <param name="Reused">Prompts the platform already held.</param>
/// <param name="FromCache">Prompts not sent at all: their output came from the prompt cache.</param>
public sealed record RunSummary(int Prompts, TimeSpan Elapsed, int Uploaded, int Reused, string? CompilationId, int FromCache = 0);
