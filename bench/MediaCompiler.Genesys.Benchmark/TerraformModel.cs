namespace MediaCompiler.Genesys.Benchmark;

/// <summary>
/// The requests the Terraform provider (v1.84.1) makes for the same change sets, computed from its algorithm as the
/// reference (§6.1, §1.5, §2.3) describes it, not measured: one genesyscloud_architect_user_prompt resource per
/// prompt; refresh reads every prompt (GET /prompts/{id}); create = POST prompt + per language POST resource +
/// upload + transcode checks + a read-back; any change to a prompt re-PUTs and re-uploads every language. Transcode
/// checks are counted at their minimum of one GET per language, so the figures are lower bounds.
/// </summary>
internal static class TerraformModel
{
    private const int Token = 1;

    public static int Cold(int prompts, int languages) =>
        Token + (prompts * (1 + 1)) + (prompts * languages * (1 + 1 + 1));

    /// <summary>Needs the Terraform state; a fresh clone without remote state would try to create everything again.</summary>
    public static int NoChange(int prompts) => Token + prompts;

    public static int OneChangedFile(int prompts, int languages) =>
        Token + prompts + 1 + (languages * (1 + 1 + 1)) + 1;
}
