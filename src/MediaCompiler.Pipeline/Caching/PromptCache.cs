using System.Security.Cryptography;
using System.Text.Json;
using MediaCompiler.Diagnostics;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline.Caching;

/// <summary>What the content checks of one source found (beyond the header rules, which are cheap and run every time).</summary>
/// <param name="LevelDbov">The P.56 active speech level, for the level-spread check across prompts.</param>
public sealed record CachedChecks(IReadOnlyList<CachedDiagnostic> Diagnostics, double? LevelDbov);

/// <summary>A diagnostic as the cache keeps it: the file it is on is the prompt it is replayed for.</summary>
public sealed record CachedDiagnostic(string Code, DiagnosticSeverity Severity, string Message);

/// <summary>
/// A platform's local conversion of one source as the cache keeps it: uploaded as it is, or converted (the bytes kept
/// beside the entry) at <paramref name="SampleRate"/>, with the levelling's warning when there was one.
/// </summary>
public sealed record CachedConversion(bool AsIs, int SampleRate, CachedDiagnostic? LevelWarning);

/// <summary>A compiled prompt as the cache keeps it, beside its bytes.</summary>
public sealed record CachedOutput(string Encoding, string AssetId, string CompilationId, long Bytes);

/// <summary>
/// The persistent, content-addressed cache of a project's prompts (under IvrCacheDirectory): per source content and
/// settings (<see cref="PromptCacheKeys"/>), what the content checks found and what the platform compiled, so that a
/// build decodes, checks and compiles only the prompts whose bytes or settings changed. One file per entry, written
/// atomically: concurrent builds never see half an entry, and two that write one key write the same thing. A damaged
/// entry is a miss with a warning (IVR5007) and is deleted. Entries are not flushed to disk one by one (that cost a
/// cold build of 200 prompts 600 flushes): a power loss can leave one empty or zero-filled, so every read checks
/// what it reads (the JSON must parse; kept bytes must match the SHA-256 their entry recorded) and such an entry is
/// the damaged entry above. Bounded: <see cref="Trim"/> removes the least recently used
/// entries beyond the size cap.
/// </summary>
public sealed class PromptCache
{
    // 2: entries record the SHA-256 of the bytes they vouch for.
    private const int FormatVersion = 2;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly IPipelineLog _log;
    private readonly BackgroundWork _background = new();

    private PromptCache(string directory, long maxBytes, IPipelineLog log)
    {
        Directory = directory;
        MaxBytes = maxBytes;
        _log = log;
    }

    public string Directory { get; }

    public long MaxBytes { get; }

    /// <summary>The cache in <paramref name="directory"/>; null (no caching) when there is none or it cannot be made.</summary>
    public static PromptCache? Open(string? directory, long maxBytes, IPipelineLog log)
    {
        if (directory is null || maxBytes <= 0)
        {
            return null;
        }
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            return new PromptCache(directory, maxBytes, log);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Report(Diagnostic.Create(DiagnosticCatalog.PromptCacheUnusable, directory, directory, ex.Message));
            return null;
        }
    }

    public CachedChecks? GetChecks(string key)
    {
        var path = EntryPath(key, ".checks.json");
        if (Read<ChecksEntry>(path) is not { } entry)
        {
            return null;
        }
        if (entry.Diagnostics?.FirstOrDefault(d => DiagnosticCatalog.Find(d.Code ?? "") is null) is { } unknown)
        {
            Discard(path, $"it holds the unknown code '{unknown.Code}'");
            return null;
        }
        return new CachedChecks(entry.Diagnostics ?? [], entry.LevelDbov);
    }

    /// <summary>
    /// Keeps what a source's checks found, written in the background (see <see cref="Complete"/>): a cold build creates
    /// one file per prompt here, and creating files is slow on some file systems, so the build goes on to the network
    /// meanwhile. Nothing in the same build reads it back.
    /// </summary>
    public void PutChecks(string key, CachedChecks checks) =>
        _background.Start(() => Write(EntryPath(key, ".checks.json"), new ChecksEntry { Version = FormatVersion, Diagnostics = [.. checks.Diagnostics], LevelDbov = checks.LevelDbov }));

    /// <summary>The compiled prompt and the file holding its bytes, or null when absent or damaged.</summary>
    public (CachedOutput Output, string File)? GetOutput(string key)
    {
        var bytesPath = EntryPath(key, ".wav");
        if (Read<OutputEntry>(EntryPath(key, ".output.json")) is not { Encoding: { } encoding, AssetId: { } assetId, CompilationId: { } compilationId } entry)
        {
            return null;
        }
        return BytesBeside(EntryPath(key, ".output.json"), bytesPath, entry.Bytes, entry.Sha256, "compiled audio")
            ? (new CachedOutput(encoding, assetId, compilationId, entry.Bytes), bytesPath)
            : null;
    }

    /// <summary>
    /// Keeps a compiled prompt: its bytes first (a hard link to <paramref name="compiledFile"/> where the file system
    /// allows, which outputs are: written by rename, never in place), then the entry that vouches for them.
    /// </summary>
    public void PutOutput(string key, CachedOutput output, string compiledFile)
    {
        var bytesPath = EntryPath(key, ".wav");
        byte[] kept;
        try
        {
            kept = AtomicFile.LinkOrCopy(compiledFile, bytesPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Report(Diagnostic.Create(DiagnosticCatalog.PromptCacheUnusable, bytesPath, Directory, ex.Message));
            return;
        }
        Write(EntryPath(key, ".output.json"), new OutputEntry
        {
            Version = FormatVersion, Encoding = output.Encoding, AssetId = output.AssetId, CompilationId = output.CompilationId, Bytes = output.Bytes,
            Sha256 = Sha256Of(kept),
        });
    }

    /// <summary>A kept conversion and, when it was converted, the file holding its bytes; null when absent or damaged.</summary>
    public (CachedConversion Conversion, string? File)? GetConversion(string key)
    {
        var path = EntryPath(key, ".conversion.json");
        if (Read<ConversionEntry>(path) is not { SampleRate: > 0 } entry)
        {
            return null;
        }
        if (entry.LevelWarning is { } warning && DiagnosticCatalog.Find(warning.Code ?? "") is null)
        {
            Discard(path, $"it holds the unknown code '{warning.Code}'");
            return null;
        }
        var conversion = new CachedConversion(entry.AsIs, entry.SampleRate, entry.LevelWarning);
        if (entry.AsIs)
        {
            return (conversion, null);
        }
        var bytesPath = EntryPath(key, ".converted.wav");
        return BytesBeside(path, bytesPath, entry.Bytes, entry.Sha256, "converted audio") ? (conversion, bytesPath) : null;
    }

    /// <summary>Keeps a conversion: the converted bytes first (when there are any), then the entry that vouches for them.</summary>
    public void PutConversion(string key, CachedConversion conversion, byte[]? converted)
    {
        if (converted is not null && !WriteBytes(EntryPath(key, ".converted.wav"), converted))
        {
            return;
        }
        Write(EntryPath(key, ".conversion.json"), new ConversionEntry
        {
            Version = FormatVersion, AsIs = conversion.AsIs, SampleRate = conversion.SampleRate, LevelWarning = conversion.LevelWarning,
            Bytes = converted?.LongLength ?? 0, Sha256 = converted is null ? null : Sha256Of(converted),
        });
    }

    /// <summary>Removes the least recently used entries until the cache is within <see cref="MaxBytes"/>.</summary>
    public void Trim() => PromptCacheTrimmer.Trim(Directory, MaxBytes, _log);

    /// <summary>
    /// <see cref="Trim"/> in the background, once the build has read what it reuses (the entries it read are the most
    /// recently used, so they are the last to go); the entries this build is about to write count from the next trim.
    /// </summary>
    public void StartTrim() => _background.Start(Trim);

    /// <summary>
    /// Waits for the work started in the background (deferred writes, the trim). A write that fails is a reported
    /// warning already; anything else is a bug of ours and is thrown here, after every piece of work has ended, so
    /// none of it outlives the build.
    /// </summary>
    public void Complete() => _background.WaitForAll();

    /// <summary>
    /// Whether an entry's bytes are there whole (the size and SHA-256 it recorded); if not (a disk filled up, a power
    /// loss, a hand, a trim), the entry goes with a warning and it is a miss.
    /// </summary>
    private bool BytesBeside(string entryPath, string bytesPath, long expected, string? expectedSha256, string what)
    {
        var bytes = new FileInfo(bytesPath);
        if (!bytes.Exists || bytes.Length != expected || expected == 0)
        {
            Discard(entryPath, $"its {what} is missing or has the wrong size");
            return false;
        }
        string actual;
        try
        {
            using var stream = bytes.OpenRead();
            actual = Convert.ToHexString(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Being replaced or trimmed by another build right now: a miss, nothing to report.
            _log.Info($"Prompt cache entry {bytesPath} not read: {ex.Message}");
            return false;
        }
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            Discard(entryPath, $"its {what} does not match the SHA-256 the entry recorded");
            return false;
        }
        Touch(bytesPath);
        return true;
    }

    private static string Sha256Of(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));

    /// <summary>An entry's bytes, written before the entry that vouches for them; false (reported) when they could not be.</summary>
    private bool WriteBytes(string path, byte[] bytes)
    {
        try
        {
            AtomicFile.WriteAllBytes(path, bytes, Durability.Unflushed);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Report(Diagnostic.Create(DiagnosticCatalog.PromptCacheUnusable, path, Directory, ex.Message));
            return false;
        }
    }

    // One folder: no fan-out by key prefix, whose first use of each of 256 folders cost a cold build a directory each.
    private string EntryPath(string key, string suffix) => Path.Combine(Directory, key + suffix);

    private T? Read<T>(string path) where T : class, IVersioned
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var entry = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json);
            if (entry?.Version != FormatVersion)
            {
                throw new InvalidDataException($"unknown format version {entry?.Version}");
            }
            Touch(path);
            return entry;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            Discard(path, ex.Message);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Being replaced or trimmed by another build right now: a miss, nothing to report.
            _log.Info($"Prompt cache entry {path} not read: {ex.Message}");
            return null;
        }
    }

    private void Write<T>(string path, T entry)
    {
        try
        {
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(entry, Json), Durability.Unflushed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Report(Diagnostic.Create(DiagnosticCatalog.PromptCacheUnusable, path, Directory, ex.Message));
        }
    }

    private void Discard(string path, string reason)
    {
        _log.Report(Diagnostic.Create(DiagnosticCatalog.CorruptPromptCacheEntry, path, path, reason));
        AtomicFile.TryDelete(path);
    }

    /// <summary>Marks an entry used, for the least-recently-used trim (file times: no index to keep consistent).</summary>
    private static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Trimmed or locked by another build: only the entry's age is not refreshed.
        }
    }

    private interface IVersioned
    {
        int Version { get; }
    }

    private sealed class ChecksEntry : IVersioned
    {
        public int Version { get; set; }
        public List<CachedDiagnostic>? Diagnostics { get; set; }
        public double? LevelDbov { get; set; }
    }

    private sealed class ConversionEntry : IVersioned
    {
        public int Version { get; set; }
        public bool AsIs { get; set; }
        public int SampleRate { get; set; }
        public CachedDiagnostic? LevelWarning { get; set; }
        public long Bytes { get; set; }
        public string? Sha256 { get; set; }
    }

    private sealed class OutputEntry : IVersioned
    {
        public int Version { get; set; }
        public string? Encoding { get; set; }
        public string? AssetId { get; set; }
        public string? CompilationId { get; set; }
        public long Bytes { get; set; }
        public string? Sha256 { get; set; }
    }
}
