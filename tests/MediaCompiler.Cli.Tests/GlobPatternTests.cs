namespace MediaCompiler.Cli.Tests;

public sealed class GlobPatternTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("*.wav", "welcome.wav", true)]
    [InlineData("*.wav", "WELCOME.WAV", true)]
    [InlineData("*.wav", "welcome.wav.bak", false)]
    [InlineData("menu_?.wav", "menu_1.wav", true)]
    [InlineData("menu_?.wav", "menu_12.wav", false)]
    [InlineData("*_8k*", "main_8k_v2.wav", true)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b*c", "aXbYbZ", false)]
    [InlineData("*", "", true)]
    public void Segments_match_with_star_and_question_mark_ignoring_case(string segment, string name, bool matches)
    {
        Assert.Equal(matches, GlobPattern.SegmentMatches(segment, name));
    }

    [Fact]
    public void Double_star_matches_zero_or_more_folders()
    {
        var top = _temp.Wav("p/top.wav");
        var one = _temp.Wav("p/a/one.wav");
        var two = _temp.Wav("p/a/b/two.wav");
        _temp.Wav("q/elsewhere.wav");

        var matches = GlobPattern.Parse(Path.Combine(_temp.Root, "p", "**", "*.wav")).Match();

        Assert.Equal([top, one, two], matches);
    }

    [Fact]
    public void A_literal_segment_after_a_wildcard_is_looked_up_by_name()
    {
        var english = _temp.Wav("lang/en/menus/main.wav");
        var french = _temp.Wav("lang/fr/menus/main.wav");
        _temp.Wav("lang/fr/other/main.wav");

        var matches = GlobPattern.Parse(Path.Combine(_temp.Root, "lang", "*", "menus", "*.wav")).Match();

        Assert.Equal([english, french], matches);
    }

    [Fact]
    public void Overlapping_double_stars_list_each_file_once()
    {
        var deep = _temp.Wav("x/y/z/deep.wav");

        var matches = GlobPattern.Parse(Path.Combine(_temp.Root, "**", "**", "*.wav")).Match();

        Assert.Equal([deep], matches);
    }

    [Fact]
    public void A_pattern_under_a_missing_folder_matches_nothing()
    {
        Assert.Empty(GlobPattern.Parse(Path.Combine(_temp.Root, "nowhere", "**", "*.wav")).Match());
    }
}
