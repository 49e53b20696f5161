using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Engine.Compilation;

namespace MediaCompiler.Engine.Tests.Support;

/// <summary>
/// A compiler that never finishes on its own: it keeps a job RUNNING until the job is cancelled (engine reset or
/// dispose). Tests await <see cref="Started"/> (bounded) to know the job is in progress.
/// </summary>
internal sealed class HoldingCompiler : IAssetCompiler
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task.WaitAsync(EngineFixture.Guard());

    public async Task<CompiledAsset> CompileAsync(byte[] content, string fileName, G711Law law, bool normalizeVolume, double? targetSpeechLevelDbov, bool stripMetadata,
        CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable: the delay above ends only by cancellation");
    }
}
