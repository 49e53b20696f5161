using MediaCompiler.Genesys.Sync;
using MediaCompiler.Genesys.Wire;

namespace MediaCompiler.Genesys.Tests;

public sealed class SyncPlannerTests
{
    private const string Marker = "MediaCompiler.Build";
    private const string HashA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string HashB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private static DesiredPrompt Want(string name = "Main_menu", string language = "en-us", string? hash = HashA, string? text = "Main menu", string? tts = null) =>
        new(name, language, hash is null ? null : $"/p/{language}/{name}.wav", hash is null ? null : "sha256:" + hash, text, tts);

    private static PromptDto Listed(string name, params PromptAssetDto[] resources) => new() { Id = "id-" + name, Name = name, Resources = resources.ToList() };

    private static PromptAssetDto Resource(string language = "en-us", string? hash = HashA, string status = "transcoded", string? text = "Main menu", string? tts = null, bool managed = true)
    {
        var tags = new Dictionary<string, List<string>>();
        if (hash is not null)
        {
            tags["sha256"] = [hash];
        }

        if (managed)
        {
            tags["managedBy"] = [Marker];
        }

        return new PromptAssetDto
        {
            Language = language, UploadStatus = status, Text = text, TtsString = tts, Tags = tags,
            MediaUri = status == "transcoded" ? "https://media/x.wav" : null, UploadUri = "https://apps.x/uploads/v2/ivr?additionalInfo=e30",
        };
    }

    private static SyncAction Decide(DesiredPrompt want, params PromptDto[] listed) =>
        SyncPlanner.Plan([want], listed, Marker).Resources.Single().Action;

    [Fact]
    public void A_prompt_the_org_lacks_is_created() => Assert.Equal(SyncAction.CreatePrompt, Decide(Want()));

    [Fact]
    public void A_language_the_prompt_lacks_gets_a_resource() =>
        Assert.Equal(SyncAction.CreateResource, Decide(Want(language: "de-de"), Listed("Main_menu", Resource())));

    [Fact]
    public void Equal_hash_texts_marker_and_transcoded_is_unchanged() =>
        Assert.Equal(SyncAction.Unchanged, Decide(Want(), Listed("Main_menu", Resource())));

    [Fact]
    public void The_language_code_compares_without_case() =>
        Assert.Equal(SyncAction.Unchanged, Decide(Want(language: "en-US"), Listed("Main_menu", Resource())));

    [Fact]
    public void Other_audio_updates_the_resource() =>
        Assert.Equal(SyncAction.UpdateResource, Decide(Want(hash: HashB), Listed("Main_menu", Resource())));

    [Fact]
    public void A_tts_text_change_alone_updates_without_upload()
    {
        var plan = SyncPlanner.Plan([Want(tts: "Press one")], [Listed("Main_menu", Resource())], Marker);
        Assert.Equal(SyncAction.TextOnlyUpdate, plan.Resources.Single().Action);
        Assert.False(plan.Resources.Single().Uploads);
    }

    [Theory]
    [InlineData("created")]
    [InlineData("uploaded")]
    [InlineData("transcodeFailed")]
    public void Audio_that_never_reached_transcoded_is_uploaded_again(string status) =>
        Assert.Equal(SyncAction.UploadAudio, Decide(Want(), Listed("Main_menu", Resource(status: status))));

    [Fact]
    public void Not_transcoded_with_other_text_updates_then_uploads() =>
        Assert.Equal(SyncAction.UpdateResource, Decide(Want(text: "New"), Listed("Main_menu", Resource(status: "created"))));

    [Fact]
    public void A_resource_without_our_marker_is_taken_over_with_a_tag_update() =>
        Assert.Equal(SyncAction.TextOnlyUpdate, Decide(Want(), Listed("Main_menu", Resource(managed: false))));

    [Fact]
    public void Names_match_exactly_not_by_prefix() =>
        Assert.Equal(SyncAction.CreatePrompt, Decide(Want(name: "Main"), Listed("Main_menu", Resource())));

    [Fact]
    public void A_name_differing_only_in_case_is_an_error_not_a_second_prompt()
    {
        var plan = SyncPlanner.Plan([Want(name: "main_menu")], [Listed("Main_menu", Resource())], Marker);
        Assert.Empty(plan.Resources);
        Assert.Equal("IVR6026", Assert.Single(plan.Problems).Code);
    }

    [Theory]
    [InlineData("1st prompt", "P_1st_prompt")]
    [InlineData("main-menu", "main_menu")]
    [InlineData("_x", "x")]
    public void An_invalid_name_is_an_error_that_proposes_a_valid_one(string name, string proposal)
    {
        var plan = SyncPlanner.Plan([Want(name: name)], [], Marker);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal("IVR6023", problem.Code);
        Assert.Contains($"'{proposal}.wav'", problem.Message, StringComparison.Ordinal);
        Assert.True(SyncPlanner.IsValidName(proposal));
    }

    [Fact]
    public void A_name_of_201_characters_is_invalid_and_200_valid()
    {
        Assert.True(SyncPlanner.IsValidName("A" + new string('b', 199)));
        Assert.False(SyncPlanner.IsValidName("A" + new string('b', 200)));
    }

    [Fact]
    public void The_same_name_and_language_twice_is_an_error()
    {
        var plan = SyncPlanner.Plan([Want(), Want(hash: HashB)], [], Marker);
        Assert.Single(plan.Resources);
        Assert.Equal("IVR6024", Assert.Single(plan.Problems).Code);
    }

    [Fact]
    public void Orphans_are_only_prompts_with_our_marker()
    {
        var plan = SyncPlanner.Plan([Want()], [Listed("Main_menu", Resource()), Listed("Old_ours", Resource()), Listed("Theirs", Resource(managed: false))], Marker);
        Assert.Equal("Old_ours", Assert.Single(plan.Orphans).Name);
    }

    [Fact]
    public void Tts_only_resource_is_unchanged_when_texts_equal()
    {
        Assert.Equal(SyncAction.Unchanged, Decide(Want(hash: null, tts: "Hi"), Listed("Main_menu", Resource(hash: null, tts: "Hi"))));
        Assert.Equal(SyncAction.TextOnlyUpdate, Decide(Want(hash: null, tts: "Hello"), Listed("Main_menu", Resource(hash: null, tts: "Hi"))));
    }

    [Fact]
    public void Written_tags_keep_foreign_keys_and_set_ours()
    {
        var tags = ManagedTags.Write(new Dictionary<string, List<string>> { ["filename"] = ["x.wav"], ["sha256"] = ["old"] }, HashB, Marker);
        Assert.Equal(["x.wav"], tags["filename"]);
        Assert.Equal([HashB], tags["sha256"]);
        Assert.Equal([Marker], tags["managedBy"]);
    }

    [Fact]
    public void A_new_description_updates_the_existing_prompt_once_and_an_unset_one_keeps_it()
    {
        var existing = Listed("Main_menu", Resource(), Resource(language: "de-de")) with { Description = "Old" };
        var changed = SyncPlanner.Plan([Want(), Want(language: "de-de") with { Description = "New" }], [existing], Marker);
        var unset = SyncPlanner.Plan([Want(), Want(language: "de-de")], [existing], Marker);

        var update = Assert.Single(changed.DescriptionUpdates);
        Assert.Equal(("id-Main_menu", "Main_menu", "New"), (update.PromptId, update.Name, update.Description));
        Assert.Empty(unset.DescriptionUpdates);
    }

    [Fact]
    public void A_managed_language_the_project_dropped_is_stale_and_a_foreign_one_is_not()
    {
        var existing = Listed("Main_menu", Resource(), Resource(language: "de-de"), Resource(language: "fr-fr", managed: false));

        var plan = SyncPlanner.Plan([Want()], [existing], Marker);

        Assert.Equal("de-de", Assert.Single(plan.StaleLanguages).Language);
        Assert.Empty(plan.Orphans);
    }
}
