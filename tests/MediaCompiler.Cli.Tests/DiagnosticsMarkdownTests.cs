using MediaCompiler.Diagnostics;

namespace MediaCompiler.Cli.Tests;

public sealed class DiagnosticsMarkdownTests
{
    [Theory]
    [InlineData("'{0}' is {1:N0} bytes.", "'<…>' is <…> bytes.")]
    [InlineData("at {1,8} Hz", "at <…> Hz")]
    [InlineData("literal {{braces}} stay", "literal {braces} stay")]
    [InlineData("no placeholders", "no placeholders")]
    public void Placeholders_are_shown_as_an_ellipsis_in_angle_brackets(string template, string shown)
    {
        Assert.Equal(shown, DiagnosticsMarkdown.ShowPlaceholders(template));
    }

    [Fact]
    public void Entries_go_under_their_range_with_severity_meaning_and_fix()
    {
        var descriptors = new[]
        {
            new DiagnosticDescriptor("IVR2001", DiagnosticSeverity.Warning, "A setting", "'{0}' is *odd*.", "Run `ffmpeg -i {0} -ar 8000 out_8k.wav`."),
            new DiagnosticDescriptor("IVR1001", DiagnosticSeverity.Error, "A prompt", "pcm_s16le <b> {0}", ""),
        };

        var markdown = DiagnosticsMarkdown.Render(descriptors);

        var prompt = markdown.IndexOf("### IVR1001: A prompt\n\n- **Severity:** error\n- **What it means:** pcm_s16le \\<b> <…>\n- **Fix:** nothing to do.\n", StringComparison.Ordinal);
        var setting = markdown.IndexOf("### IVR2001: A setting\n\n- **Severity:** warning\n- **What it means:** '<…>' is \\*odd\\*.\n- **Fix:** Run `ffmpeg -i <…> -ar 8000 out_8k.wav`.\n", StringComparison.Ordinal);
        Assert.True(prompt > markdown.IndexOf("## IVR1xxx", StringComparison.Ordinal) && prompt < markdown.IndexOf("## IVR2xxx", StringComparison.Ordinal), markdown);
        Assert.True(setting > markdown.IndexOf("## IVR2xxx", StringComparison.Ordinal) && setting < markdown.IndexOf("## IVR3xxx", StringComparison.Ordinal), markdown);
        Assert.Contains("## IVR5xxx: local state\n\nFiles the build keeps between runs: caches, stamps and the audit log.\n\nNo codes in this range yet.\n", markdown);
    }
}
