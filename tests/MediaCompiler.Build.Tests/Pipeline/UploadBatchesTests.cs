using MediaCompiler.Pipeline;
using MediaCompiler.Pipeline.Steps;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>How prompts to upload are grouped into requests (media API 2.3's batch upload).</summary>
public sealed class UploadBatchesTests
{
    private static IReadOnlyList<IReadOnlyList<int>> Plan(int count, int firstRound, Func<int, long>? size = null) =>
        UploadBatches.Plan(Enumerable.Range(0, count).ToArray(), size ?? (_ => 8_000), firstRound);

    [Theory]
    [InlineData(200, 16, 16, 13)] // the cold bench: every prompt in the first round of 16 requests
    [InlineData(20, 16, 10, 2)]
    [InlineData(5, 16, 5, 1)] // fewer prompts than requests: one each (a single upload)
    [InlineData(2000, 16, 63, 32)] // at most 32 per request
    [InlineData(70, 2, 3, 32)]
    public void Prompts_are_spread_over_the_first_round_within_the_cap(int count, int firstRound, int expectedBatches, int expectedLargest)
    {
        var batches = Plan(count, firstRound);

        Assert.Equal(expectedBatches, batches.Count);
        Assert.Equal(expectedLargest, batches.Max(b => b.Count));
        Assert.Equal(Enumerable.Range(0, count), batches.SelectMany(b => b)); // every prompt once, in order
    }

    [Fact]
    public void A_batch_never_holds_more_than_a_megabyte_and_a_larger_prompt_goes_alone()
    {
        // 300 KB each, one of 3 MB: three per request, the large one alone.
        var batches = Plan(10, 2, i => i == 4 ? 3_000_000 : 300_000);

        Assert.All(batches, b => Assert.True(b.Count == 1 || b.Sum(i => i == 4 ? 3_000_000L : 300_000L) <= BuildDefaults.MaxUploadBatchBytes));
        Assert.Contains(batches, b => b.SequenceEqual([4]));
        Assert.Equal(Enumerable.Range(0, 10), batches.SelectMany(b => b));
    }

    [Fact]
    public void Nothing_to_upload_is_no_request()
    {
        Assert.Empty(Plan(0, 16));
    }
}
