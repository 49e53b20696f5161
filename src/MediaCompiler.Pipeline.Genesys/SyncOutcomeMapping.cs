using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;
using MediaCompiler.Genesys;
using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Steps;

namespace MediaCompiler.Pipeline.Genesys;

/// <summary>
/// Turns a sync's outcome into the pipeline's shapes: errors go to the failure collector on their prompt (so the
/// build fails on that file), warnings and notes to the log only (a flow to republish does not fail a build), and
/// every resource that ended synced becomes a READY result whose download address is the platform's mediaUri.
/// </summary>
internal static class SyncOutcomeMapping
{
    public static CompileOutcome Map(SyncResult sync, Submission submission, IReadOnlyDictionary<string, ValidatedPrompt> byResource,
        RunContext context, CancellationToken cancellationToken)
    {
        foreach (var diagnostic in sync.Diagnostics)
        {
            Report(diagnostic, FindByFile(diagnostic.File, byResource), context);
        }

        var results = new List<CompileResult>();
        foreach (var resource in sync.Resources)
        {
            byResource.TryGetValue(GenesysPlatform.Key(resource.Prompt.Name, resource.Prompt.Language), out var prompt);
            foreach (var diagnostic in resource.Diagnostics)
            {
                Report(diagnostic.File is null ? diagnostic with { File = prompt?.Input.Path } : diagnostic, prompt?.Input, context);
            }
            if (prompt is not null && resource.State is ResourceState.Unchanged or ResourceState.Created or ResourceState.Updated or ResourceState.TextUpdated)
            {
                results.Add(new CompileResult(resource.PromptId ?? "", prompt.Input.NodeId, CompileResultStates.Ready, "wav", resource.MediaUri, null, null));
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new CompileOutcome.Cancelled(submission);
        }
        var succeeded = sync.Succeeded && context.Failures.Count == 0;
        var job = new CompileJobStatus(submission.CompilationId, "", context.CorrelationId,
            succeeded ? CompileJobStates.Completed : CompileJobStates.Failed,
            submission.SubmittedAt, context.Time.GetUtcNow(), succeeded ? null : "the Genesys Cloud sync reported errors", results);
        return succeeded ? new CompileOutcome.Completed(submission, job) : new CompileOutcome.Failed(submission, job);
    }

    private static void Report(Diagnostic diagnostic, PromptInput? prompt, RunContext context)
    {
        if (diagnostic.IsError)
        {
            context.Failures.Add(prompt, diagnostic);
        }
        else
        {
            context.Log.Report(diagnostic);
        }
    }

    private static PromptInput? FindByFile(string? file, IReadOnlyDictionary<string, ValidatedPrompt> byResource) =>
        file is null ? null : byResource.Values.FirstOrDefault(p => string.Equals(p.Input.Path, file, StringComparison.Ordinal))?.Input;
}
