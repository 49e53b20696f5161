using MediaCompiler.Contract;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Pipeline.Steps;

/// <summary>
/// Step 4: matches a finished job's results to the prompts. Rejections are reported on their files; a completed job
/// that left a prompt without a usable result fails the build (IVR2102); a FAILED job with no rejection says why
/// (IVR2101). Warnings the engine attached to a READY result (IVR1608 normalisation limited, IVR1609 no speech,
/// IVR3122 decoded by ffmpeg...) are reported as warnings on the prompt's file. Platform-neutral: it reads the
/// contract's job status only.
/// </summary>
public static class ResultReportStep
{
    public static IReadOnlyList<ReadyPrompt> Run(CompileJobStatus job, IReadOnlyList<ValidatedPrompt> prompts, FailureCollector failures, IPipelineLog log)
    {
        var ready = new List<ReadyPrompt>();
        // A result without a node id (or a null entry) in the engine's answer matches no prompt; skipping it keeps
        // the dictionary from throwing, and a prompt left without a result is still IVR2102 below.
        var resultsByNode = (job.Results ?? [])
            .Where(r => r?.NodeId is not null)
            .GroupBy(r => r.NodeId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var completed = job.Status == CompileJobStates.Completed;
        foreach (var prompt in prompts)
        {
            var input = prompt.Input;
            if (!resultsByNode.TryGetValue(input.NodeId, out var result))
            {
                if (completed)
                {
                    failures.Add(input, Diagnostic.Create(DiagnosticCatalog.CompileResultMissing, input.Path, job.Id, input.NodeId));
                }
            }
            else if (result.Status == CompileResultStates.Rejected)
            {
                failures.Add(input, EngineDiagnostics.FromEngineCode(result.ErrorCode, result.Message ?? "rejected by the media engine", input.Path));
            }
            else if (result.Status == CompileResultStates.Ready)
            {
                ready.Add(new ReadyPrompt(prompt, result));
                foreach (var warning in result.Warnings ?? [])
                {
                    // A null entry in a foreign engine's answer says nothing; skipping it keeps the build going.
                    if (warning is not null)
                    {
                        log.Report(EngineDiagnostics.WarningFromEngine(warning.Code, warning.Message, input.Path));
                    }
                }
            }
            else if (completed)
            {
                // Neither READY nor REJECTED (a state this client does not know): nothing usable came back, and a
                // build that silently leaves the prompt out must not pass.
                failures.Add(input, Diagnostic.Create(DiagnosticCatalog.CompileResultMissing, input.Path, job.Id, input.NodeId));
            }
        }

        if (job.Status == CompileJobStates.Failed && failures.Count == 0)
        {
            failures.Add(null, Diagnostic.Create(DiagnosticCatalog.CompileJobFailed, null, job.Id, job.FlowId, job.Message ?? "no reason given"));
        }
        return ready;
    }
}
