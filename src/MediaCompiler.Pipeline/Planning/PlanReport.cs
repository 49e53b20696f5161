using System.Globalization;
using System.Text.Json;
using MediaCompiler.Diagnostics;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline.Planning;

/// <summary>
/// Prints a plan (one line per prompt that would change, then the counts) and writes it as JSON for a pull-request
/// comment (IvrPlanFile). The JSON's action names and counts are the printed ones.
/// </summary>
public static class PlanReport
{
    /// <summary>The JSON and printed name of each action.</summary>
    public static string Word(PlanAction action) => action switch
    {
        PlanAction.Unchanged => "unchanged",
        PlanAction.Create => "create",
        PlanAction.Upload => "upload",
        PlanAction.Compile => "compile",
        PlanAction.UpdateText => "update text",
        PlanAction.DeleteOrphan => "delete orphan",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>"3 upload, 1 create, 15 unchanged": every action with its count, those with none left out.</summary>
    public static string Counts(PromptPlan plan) => string.Join(", ", Enum.GetValues<PlanAction>()
        .Where(a => plan.Count(a) > 0)
        .Select(a => string.Create(CultureInfo.InvariantCulture, $"{plan.Count(a)} {Word(a)}")));

    public static void Print(PromptPlan plan, IPipelineLog log)
    {
        foreach (var item in plan.Items.Where(i => i.Action != PlanAction.Unchanged))
        {
            var language = item.Language is null ? "" : " (" + item.Language + ")";
            log.Info($"IVR plan: {Word(item.Action)} {item.Name}{language}{(item.File is null ? "" : ": " + item.File)}", important: true);
        }
        log.Info($"IVR plan for {plan.Platform}: {(plan.Items.Count == 0 ? "no prompts" : Counts(plan))}. Plan only (IvrPlanOnly): nothing was changed.", important: true);
    }

    /// <returns>Null when written; otherwise the IVR5010 (a full disk) or IVR5020 to report. The write is atomic: a failed one leaves no half plan.</returns>
    public static Diagnostic? Write(PromptPlan plan, string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            AtomicFile.WriteAllBytes(path, ToJson(plan));
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return WriteFailure.Describe(ex, null, path, () => Diagnostic.Create(DiagnosticCatalog.PlanFileNotWritten, null, path, ex.Message));
        }
    }

    public static byte[] ToJson(PromptPlan plan)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("platform", plan.Platform);
            json.WriteStartObject("counts");
            foreach (var action in Enum.GetValues<PlanAction>())
            {
                json.WriteNumber(Word(action), plan.Count(action));
            }
            json.WriteEndObject();
            json.WriteStartArray("prompts");
            foreach (var item in plan.Items)
            {
                json.WriteStartObject();
                json.WriteString("action", Word(item.Action));
                json.WriteString("name", item.Name);
                if (item.Language is not null)
                {
                    json.WriteString("language", item.Language);
                }
                if (item.File is not null)
                {
                    json.WriteString("file", item.File);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
