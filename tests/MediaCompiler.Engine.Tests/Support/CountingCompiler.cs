using MediaCompiler.Codecs.Encodings;
using MediaCompiler.Engine.Compilation;

namespace MediaCompiler.Engine.Tests.Support;

/// <summary>The real compiler, counting how often it is asked to convert: shows when the engine reuses an output.</summary>
internal sealed class CountingCompiler : IAssetCompiler
{
    private readonly AssetCompiler _real = new(ffmpegPath: null, TimeSpan.FromSeconds(60));
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<CompiledAsset> CompileAsync(byte[] content, string fileName, G711Law law, bool normalizeVolume, double? targetSpeechLevelDbov, bool stripMetadata, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return _real.CompileAsync(content, fileName, law, normalizeVolume, targetSpeechLevelDbov, stripMetadata, cancellationToken);
    }
}
