using System.Security.Cryptography;
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
/// build decodes, checks and compiles only the prompts whose bytes or settings changed. The entries live in journals
/// (<see cref="PromptCacheJournal"/>: one file per build that learnt something, not one per entry); the bytes an entry
/// vouches for (a compiled or converted prompt) in a file per key beside them, written before the entry. Concurrent
/// builds never see half an entry, and two that write one key write the same thing. Nothing is flushed to disk one by
/// one: a power loss can leave a journal line or kept bytes damaged, so every read checks what it reads (the line must
/// parse; kept bytes must match the SHA-256 their entry recorded), and such an entry is a miss with a warning (IVR5007).
/// Bounded: <see cref="Trim"/> removes the least recently used bytes beyond the size cap (an entry whose bytes are gone
/// is a miss, and the next compaction drops it).
/// </summary>
public sealed class PromptCache
{
    /// <summary>How the journals holding the entries are named (see <see cref="PromptCacheJournal"/>).</summary>
    public const string JournalSuffix = PromptCacheJournal.Suffix;

    /// <summary>How many journals may gather before the build that ends merges them into one.</summary>
    public const int JournalsBeforeCompaction = PromptCacheJournal.CompactAbove;

    private const string Checks = "checks";
    private const string Output = "output";
    private const string Conversion = "conversion";
    private const string CompiledBytes = ".wav";
    private const string ConvertedBytes = ".converted.wav";
    private readonly IPipelineLog _log;
    private Task _trim = Task.CompletedTask;
    private readonly PromptCacheJournal _journal;

    private PromptCache(string directory, long maxBytes, IPipelineLog log)
    {
        Directory = directory;
        MaxBytes = maxBytes;
        _log = log;
        _journal = new PromptCacheJournal(directory, log);
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
        if (_journal.Find(Checks, key) is not { } entry)
        {
            return null;
        }
        if (entry.Diagnostics?.FirstOrDefault(d => DiagnosticCatalog.Find(d.Code ?? "") is null) is { } unknown)
        {
            Discard(Checks, key, $"it holds the unknown code '{unknown.Code}'");
            return null;
        }
        return new CachedChecks(entry.Diagnostics ?? [], entry.LevelDbov);
    }

    /// <summary>Keeps what a source's checks found (in memory: the build's journal is written by <see cref="Complete"/>).</summary>
    public void PutChecks(string key, CachedChecks checks) =>
        _journal.Add(new JournalEntry { Kind = Checks, Key = key, Diagnostics = [.. checks.Diagnostics], LevelDbov = checks.LevelDbov });

    /// <summary>The compiled prompt and the file holding its bytes, or null when absent or damaged.</summary>
    public (CachedOutput Output, string File)? GetOutput(string key)
    {
        if (_journal.Find(Output, key) is not { Encoding: { } encoding, AssetId: { } assetId, CompilationId: { } compilationId } entry)
        {
            return null;
        }
        var bytesPath = BytesPath(key, CompiledBytes);
        return BytesAreWhole(Output, key, bytesPath, entry.Bytes, entry.Sha256, "compiled audio")
            ? (new CachedOutput(encoding, assetId, compilationId, entry.Bytes), bytesPath)
            : null;
    }

    /// <summary>
    /// Keeps a compiled prompt: its bytes first (a hard link to <paramref name="compiledFile"/> where the file system
    /// allows, which outputs are: written by rename, never in place), then the entry that vouches for them.
    /// </summary>
    public void PutOutput(string key, CachedOutput output, string compiledFile)
    {
        var bytesPath = BytesPath(key, CompiledBytes);
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
        _journal.Add(new JournalEntry
        {
            Kind = Output, Key = key, Encoding = output.Encoding, AssetId = output.AssetId, CompilationId = output.CompilationId,
            BytesFile = CompiledBytes, Bytes = output.Bytes, Sha256 = Sha256Of(kept),
        });
    }

    /// <summary>A kept conversion and, when it was converted, the file holding its bytes; null when absent or damaged.</summary>
    public (CachedConversion Conversion, string? File)? GetConversion(string key)
    {
        if (_journal.Find(Conversion, key) is not { SampleRate: > 0 } entry)
        {
            return null;
        }
        if (entry.LevelWarning is { } warning && DiagnosticCatalog.Find(warning.Code ?? "") is null)
        {
            Discard(Conversion, key, $"it holds the unknown code '{warning.Code}'");
            return null;
        }
        var conversion = new CachedConversion(entry.AsIs, entry.SampleRate, entry.LevelWarning);
        if (entry.AsIs)
        {
            return (conversion, null);
        }
        var bytesPath = BytesPath(key, ConvertedBytes);
        return BytesAreWhole(Conversion, key, bytesPath, entry.Bytes, entry.Sha256, "converted audio") ? (conversion, bytesPath) : null;
    }

    /// <summary>Keeps a conversion: the converted bytes first (when there are any), then the entry that vouches for them.</summary>
    public void PutConversion(string key, CachedConversion conversion, byte[]? converted)
    {
        if (converted is not null && !WriteBytes(BytesPath(key, ConvertedBytes), converted))
        {
            return;
        }
        _journal.Add(new JournalEntry
        {
            Kind = Conversion, Key = key, AsIs = conversion.AsIs, SampleRate = conversion.SampleRate, LevelWarning = conversion.LevelWarning,
            BytesFile = converted is null ? null : ConvertedBytes, Bytes = converted?.LongLength ?? 0, Sha256 = converted is null ? null : Sha256Of(converted),
        });
    }

    /// <summary>Removes the least recently used entries until the cache is within <see cref="MaxBytes"/>.</summary>
    public void Trim() => PromptCacheTrimmer.Trim(Directory, MaxBytes, _log);

    /// <summary>
    /// <see cref="Trim"/> in the background, once the build has read what it reuses (the entries it read are the most
    /// recently used, so they are the last to go); the entries this build is about to write count from the next trim.
    /// </summary>
    public void StartTrim() => _trim = Task.Run(Trim);

    /// <summary>
    /// Waits for the trim started in the background, then writes this build's journal. A write that fails is a
    /// reported warning; anything else is a bug of ours and is thrown here, after both have ended, so neither outlives
    /// the build.
    /// </summary>
    public void Complete()
    {
        try
        {
            _trim.GetAwaiter().GetResult();
        }
        finally
        {
            _journal.Save();
        }
    }

    /// <summary>
    /// Whether an entry's bytes are there whole (the size and SHA-256 it recorded). Gone (trimmed, deleted): a miss.
    /// Cut short or altered (a disk filled up, a power loss, a hand): the entry goes with a warning, and it is a miss.
    /// </summary>
    private bool BytesAreWhole(string kind, string key, string bytesPath, long expected, string? expectedSha256, string what)
    {
        var bytes = new FileInfo(bytesPath);
        if (!bytes.Exists)
        {
            _log.Info($"Prompt cache: the {what} of entry {key} is gone (trimmed); compiling again.");
            _journal.Drop(kind, key);
            return false;
        }
        if (bytes.Length != expected || expected == 0)
        {
            Discard(kind, key, $"its {what} ({bytesPath}) has {bytes.Length} bytes, not the {expected} it recorded");
            AtomicFile.TryDelete(bytesPath);
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
            Discard(kind, key, $"its {what} ({bytesPath}) does not match the SHA-256 the entry recorded");
            AtomicFile.TryDelete(bytesPath);
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
    private string BytesPath(string key, string suffix) => Path.Combine(Directory, key + suffix);

    private void Discard(string kind, string key, string reason)
    {
        _log.Report(Diagnostic.Create(DiagnosticCatalog.CorruptPromptCacheEntry, Directory, $"{kind} entry {key}", reason));
        _journal.Drop(kind, key);
    }

    /// <summary>Marks kept bytes used, for the least-recently-used trim (file times: no index to keep consistent).</summary>
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
}
