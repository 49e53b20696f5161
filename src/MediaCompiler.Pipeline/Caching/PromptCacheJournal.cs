using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MediaCompiler.Diagnostics;
using MediaCompiler.Storage;

namespace MediaCompiler.Pipeline.Caching;

/// <summary>
/// The prompt cache's entries (what the checks found, what was compiled or converted), kept in journal files instead
/// of a file per entry: a build records what it learnt in memory and writes it as ONE journal when it ends
/// (<c>&lt;UTC ticks&gt;-&lt;guid&gt;.entries.jsonl</c>, atomically, one JSON entry per line). Creating a file is most
/// of what a small file costs (0.5–1 ms each on the reference VM's ext4), and a cold build of 200 prompts created 400
/// entry files; it now creates one. Concurrent builds write journals of their own, so they never conflict: a later
/// journal's entry wins. Every read checks each line (a power loss can leave a journal zero-filled): a damaged line is
/// left out with a warning (IVR5007), and the next compaction drops it for good. Past <see cref="CompactAbove"/>
/// journals, or when one was damaged, the build that ends merges them into one (under a lock file; a build that finds
/// it held leaves the work to the holder), keeping at most <see cref="MaxEntries"/>, the newest, and leaving out
/// entries whose kept bytes are gone (trimmed).
/// </summary>
internal sealed class PromptCacheJournal
{
    public const string Suffix = ".entries.jsonl";
    public const string LockName = "entries.lock";
    public const int CompactAbove = 8;
    public const int MaxEntries = 65_536;
    private const int FormatVersion = 3;
    private static readonly string[] OldEntrySuffixes = [".checks.json", ".output.json", ".conversion.json"];

    private readonly string _directory;
    private readonly IPipelineLog _log;
    private readonly object _saving = new();
    private readonly ConcurrentDictionary<string, JournalEntry> _written = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _dropped = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _reported = new(StringComparer.Ordinal);
    private readonly Lazy<ConcurrentDictionary<string, JournalEntry>> _entries;
    private volatile bool _compact;

    public PromptCacheJournal(string directory, IPipelineLog log)
    {
        _directory = directory;
        _log = log;
        // Read on first use, once, while the validation's threads wait: every later look-up is lock-free.
        _entries = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public JournalEntry? Find(string kind, string key) => _entries.Value.GetValueOrDefault(Id(kind, key));

    public void Add(JournalEntry entry)
    {
        entry.Version = FormatVersion;
        var id = Id(entry.Kind!, entry.Key!);
        _entries.Value[id] = entry;
        _written[id] = entry;
        _dropped.TryRemove(id, out _);
    }

    /// <summary>A damaged entry (found by its reader): a miss from now on, and left out of the next compaction.</summary>
    public void Drop(string kind, string key)
    {
        var id = Id(kind, key);
        _entries.Value.TryRemove(id, out _);
        _written.TryRemove(id, out _);
        _dropped[id] = 0;
        _compact = true;
    }

    /// <summary>Writes this build's entries as one journal, then compacts when due. A write that fails is IVR5008.</summary>
    public void Save()
    {
        lock (_saving)
        {
            try
            {
                if (!_written.IsEmpty)
                {
                    var entries = _written.Values.ToList();
                    AtomicFile.WriteAllText(Path.Combine(_directory, NewName(DateTime.UtcNow.Ticks)), Lines(entries), Durability.Unflushed);
                    _written.Clear();
                }
                if (_compact || JournalFiles().Length > CompactAbove)
                {
                    Compact();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _log.Report(Diagnostic.Create(DiagnosticCatalog.PromptCacheUnusable, _directory, _directory, ex.Message));
            }
        }
    }

    private ConcurrentDictionary<string, JournalEntry> Load()
    {
        var entries = new ConcurrentDictionary<string, JournalEntry>(StringComparer.Ordinal);
        string[] files;
        try
        {
            files = JournalFiles();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unlistable folder: every look-up a miss (Save reports the folder again if it cannot write either).
            _log.Report(Diagnostic.Create(DiagnosticCatalog.PromptCacheUnusable, _directory, _directory, ex.Message));
            return entries;
        }
        foreach (var file in files)
        {
            foreach (var entry in Read(file))
            {
                entries[Id(entry.Kind!, entry.Key!)] = entry;
            }
        }
        return entries;
    }

    /// <summary>The valid entries of one journal, in order; damaged lines reported (once per build and journal) and skipped.</summary>
    private List<JournalEntry> Read(string file)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Compacted away by another build meanwhile (its entries are in the merged journal), or unreadable now: a miss.
            _log.Info($"Prompt cache journal {file} not read: {ex.Message}");
            return [];
        }
        var entries = new List<JournalEntry>(lines.Length);
        var damaged = 0;
        string? first = null;
        for (var i = 0; i < lines.Length; i++)
        {
            try
            {
                var entry = JsonSerializer.Deserialize(lines[i], PromptCacheJson.Default.JournalEntry);
                if (entry is not { Version: FormatVersion, Kind.Length: > 0, Key.Length: > 0 })
                {
                    throw new InvalidDataException($"not an entry of format {FormatVersion}");
                }
                entries.Add(entry);
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException)
            {
                damaged++;
                first ??= string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {i + 1}: {ex.Message}");
            }
        }
        if (damaged > 0 && _reported.TryAdd(file, 0))
        {
            _compact = true;
            _log.Report(Diagnostic.Create(DiagnosticCatalog.CorruptPromptCacheEntry, file, file,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{damaged} of its {lines.Length} line(s) are damaged ({first}); they are left out")));
        }
        return entries;
    }

    /// <summary>
    /// Merges every journal into one: later entries win, damaged and dropped ones and those whose bytes are gone are
    /// left out, the newest <see cref="MaxEntries"/> kept. Journals written meanwhile by other builds are not touched.
    /// </summary>
    private void Compact()
    {
        using var held = FileLock.TryAcquire(Path.Combine(_directory, LockName), TimeSpan.Zero);
        if (held is null)
        {
            return;
        }
        var files = JournalFiles();
        if (files.Length == 0)
        {
            return;
        }
        // Each entry with the position of its latest line across the journals, oldest first: its age.
        var merged = new Dictionary<string, (JournalEntry Entry, long Age)>(StringComparer.Ordinal);
        long age = 0;
        foreach (var file in files)
        {
            foreach (var entry in Read(file))
            {
                merged[Id(entry.Kind!, entry.Key!)] = (entry, age++);
            }
        }
        var kept = merged
            .Where(e => !_dropped.ContainsKey(e.Key) && (e.Value.Entry.BytesFile is not { } bytes || File.Exists(Path.Combine(_directory, e.Value.Entry.Key + bytes))))
            .OrderBy(e => e.Value.Age)
            .Select(e => e.Value.Entry)
            .TakeLast(MaxEntries)
            .ToList();
        // Named after the newest journal merged: it sorts before any written since, whose entries stay newer.
        var newest = long.TryParse(Path.GetFileName(files[^1]).Split('-')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            ? ticks
            : DateTime.UtcNow.Ticks; // a name of no journal of ours: this one sorts as written now
        AtomicFile.WriteAllText(Path.Combine(_directory, NewName(newest)), Lines(kept), Durability.Unflushed);
        foreach (var file in files)
        {
            AtomicFile.TryDelete(file);
        }
        // Entries of the format before journals (a file each), left by an older version of the package: never read.
        foreach (var old in Directory.EnumerateFiles(_directory, "*.json").Where(f => OldEntrySuffixes.Any(s => f.EndsWith(s, StringComparison.Ordinal))))
        {
            AtomicFile.TryDelete(old);
        }
    }

    /// <summary>Journal files, oldest first (their names start with the UTC ticks they were written at).</summary>
    private string[] JournalFiles()
    {
        if (!Directory.Exists(_directory))
        {
            return [];
        }
        var files = Directory.GetFiles(_directory, "*" + Suffix);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private static string NewName(long ticks) => $"{ticks:D19}-{Guid.NewGuid():N}{Suffix}";

    private static string Lines(IEnumerable<JournalEntry> entries)
    {
        var text = new StringBuilder();
        foreach (var entry in entries)
        {
            text.Append(JsonSerializer.Serialize(entry, PromptCacheJson.Default.JournalEntry)).Append('\n');
        }
        return text.ToString();
    }

    private static string Id(string kind, string key) => kind + ":" + key;
}

/// <summary>One line of a journal: an entry of one <see cref="Kind"/>, for one key; the fields its kind uses.</summary>
internal sealed class JournalEntry
{
    public int Version { get; set; }
    public string? Kind { get; set; }
    public string? Key { get; set; }

    /// <summary>The suffix of the file beside the journal holding the bytes this entry vouches for, if any.</summary>
    public string? BytesFile { get; set; }
    public long Bytes { get; set; }
    public string? Sha256 { get; set; }

    public List<CachedDiagnostic>? Diagnostics { get; set; }
    public double? LevelDbov { get; set; }

    public string? Encoding { get; set; }
    public string? AssetId { get; set; }
    public string? CompilationId { get; set; }

    public bool AsIs { get; set; }
    public int SampleRate { get; set; }
    public CachedDiagnostic? LevelWarning { get; set; }
}
