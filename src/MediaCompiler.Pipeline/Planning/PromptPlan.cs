namespace MediaCompiler.Pipeline.Planning;

/// <summary>What a build would do about one prompt (IvrPlanOnly), in the platform-neutral words the plan prints.</summary>
public enum PlanAction
{
    /// <summary>Nothing: the platform (or the prompt cache) already has it as the project says.</summary>
    Unchanged,

    /// <summary>Genesys Cloud: a new prompt, or a new language of one, created and its audio uploaded.</summary>
    Create,

    /// <summary>Its audio is sent (the media API then compiles it; Genesys Cloud transcodes it).</summary>
    Upload,

    /// <summary>The media API holds its audio already: only compiled (no upload).</summary>
    Compile,

    /// <summary>Genesys Cloud: only its text, TTS text, description or tags change; no upload.</summary>
    UpdateText,

    /// <summary>Genesys Cloud: a prompt of ours the project no longer has, deleted (IvrGenesysDeleteOrphans).</summary>
    DeleteOrphan,
}

/// <summary>One line of the plan.</summary>
/// <param name="File">The prompt's file; null for an orphan (it has none in the project).</param>
/// <param name="Name">The NodeId (media API) or the prompt's name (Genesys Cloud).</param>
/// <param name="Language">Genesys Cloud: the resource's language; null on the media API.</param>
public sealed record PlannedPrompt(PlanAction Action, string? File, string Name, string? Language);

/// <summary>Everything a build would change, before it changes anything; null <see cref="Items"/> when the platform could not be read.</summary>
public sealed record PromptPlan(string Platform, IReadOnlyList<PlannedPrompt> Items)
{
    public int Count(PlanAction action) => Items.Count(i => i.Action == action);
}
