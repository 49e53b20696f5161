namespace MediaCompiler.Pipeline.Steps;

/// <summary>The facts of one run that the audit line records.</summary>
public sealed record AuditFacts(
    string Platform,
    int PromptCount,
    AssetResolution? Assets,
    CompileOutcome? Outcome,
    DateTimeOffset StartedAt,
    double TotalDurationMs,
    IReadOnlyDictionary<string, int>? PlatformCounts = null);

/// <summary>Step 6: appends the run's JSON line to the audit log, when there is one and a job was (or could not be) submitted.</summary>
public static class AuditStep
{
    public static void Run(AuditFacts facts, RunContext context)
    {
        var status = facts.Outcome?.AuditStatus ?? "ERROR";
        var submission = facts.Outcome?.Submission;
        // A run that never reached the engine's compile step (cancelled, invalid input) has nothing to audit; one whose
        // every output came from the prompt cache is recorded (the trail shows every build that produced prompts).
        if (context.Settings.AuditLogPath is not { } path || (submission is null && status is not ("ERROR" or "UP_TO_DATE")))
        {
            return;
        }

        AuditLog.Append(path, new AuditRecord
        {
            CorrelationId = context.CorrelationId,
            CompilationId = submission?.CompilationId,
            FlowId = context.Settings.FlowId,
            Engine = facts.Platform,
            Encoding = context.Settings.Encoding,
            AssetCount = facts.PromptCount,
            Uploaded = facts.Assets?.Uploaded ?? 0,
            Reused = facts.Assets?.Reused ?? 0,
            StartedAt = facts.StartedAt,
            SubmittedAt = submission?.SubmittedAt,
            FinishedAt = context.Time.GetUtcNow(),
            SubmitLatencyMs = submission?.SubmitLatencyMs,
            TotalDurationMs = facts.TotalDurationMs,
            Status = status,
            Counts = facts.PlatformCounts,
            Failures = context.Failures.ToList(),
        }, context.Log);
    }
}
