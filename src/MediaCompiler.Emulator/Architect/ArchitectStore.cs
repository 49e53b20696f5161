using MediaCompiler.Emulator.Configuration;

namespace MediaCompiler.Emulator.Architect;

/// <summary>One stored language of a prompt.</summary>
internal sealed class StoredResource(string language)
{
    public string Language { get; } = language;

    public string? Name { get; set; }

    public string? Text { get; set; }

    public string? TtsString { get; set; }

    public Dictionary<string, List<string>> Tags { get; set; } = new(StringComparer.Ordinal);

    public string Status { get; set; } = "created";

    public DateTimeOffset? UploadedAt { get; set; }

    /// <summary>The uploaded bytes (served as the "transcoded" media).</summary>
    public byte[]? Audio { get; set; }

    /// <summary>Whether the platform rules accept the uploaded audio (judged at upload).</summary>
    public bool AudioAcceptable { get; set; }

    public double? DurationSeconds { get; set; }

    public ArchitectAudioFormat? AudioFormat { get; set; }

    /// <summary>The status before the latest upload (what a lagging listing still shows).</summary>
    public string? PreviousStatus { get; set; }

    /// <summary>The version before the latest upload (what a lagging listing's mediaUri still points at).</summary>
    public int PreviousVersion { get; set; }

    /// <summary>Bumped per upload, so every transcoded version has its own mediaUri.</summary>
    public int Version { get; set; }
}

/// <summary>One stored prompt.</summary>
internal sealed class StoredPrompt(string id, string name, string? description, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public string Name { get; set; } = name;

    public string? Description { get; set; } = description;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public Dictionary<string, StoredResource> Resources { get; } = new(StringComparer.Ordinal);

    /// <summary>The prompt's division id (Home unless created in another).</summary>
    public string DivisionId { get; set; } = ArchitectSettings.HomeDivisionId;
}

/// <summary>
/// The org's prompts, in memory. Callers take <see cref="Lock"/> around every read and change; status moves
/// (uploaded → transcoded) are applied lazily by <see cref="Advance"/> when a prompt is read, on the settings' clock.
/// </summary>
internal sealed class ArchitectStore(EmulatorSettings emulatorSettings)
{
    private ArchitectSettings _settings = new();

    public object Lock { get; } = new();

    public Dictionary<string, StoredPrompt> Prompts { get; } = new(StringComparer.Ordinal);

    /// <summary>Pre-signed upload URLs handed out by the uploads route, by their signature.</summary>
    public Dictionary<string, IssuedUpload> IssuedUploads { get; } = new(StringComparer.Ordinal);

    public TimeProvider Time => emulatorSettings.TimeProvider;

    private int _conflictsLeft;
    private int _partialsLeft;

    public ArchitectSettings Settings
    {
        get => Volatile.Read(ref _settings);
        set
        {
            Volatile.Write(ref _settings, value);
            Volatile.Write(ref _conflictsLeft, value.ConflictOnNextReads);
            Volatile.Write(ref _partialsLeft, value.PartialContentOnNextReads);
        }
    }

    /// <summary>The status a GET should get instead of its answer (409 or 206, while the settings ask for them), else null.</summary>
    public int? TakeReadFault()
    {
        if (Interlocked.Decrement(ref _conflictsLeft) >= 0)
        {
            return 409;
        }

        Interlocked.Increment(ref _conflictsLeft);
        if (Interlocked.Decrement(ref _partialsLeft) >= 0)
        {
            return 206;
        }

        Interlocked.Increment(ref _partialsLeft);
        return null;
    }

    public DateTimeOffset Now => Time.GetUtcNow();

    public StoredPrompt? FindByName(string name) =>
        Prompts.Values.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True while a just-created prompt still answers 404 to direct reads.</summary>
    public bool InReadAfterWriteWindow(StoredPrompt prompt) =>
        Now < prompt.CreatedAt.AddMilliseconds(Settings.ReadAfterWriteNotFoundMilliseconds);

    /// <summary>True while a just-created prompt is still missing from name-filtered queries.</summary>
    public bool NotYetIndexed(StoredPrompt prompt) =>
        Now < prompt.CreatedAt.AddMilliseconds(Settings.IndexLagMilliseconds);

    /// <summary>Moves uploaded resources whose transcode delay has passed to their final state.</summary>
    public void Advance(StoredPrompt prompt)
    {
        var current = Settings;
        foreach (var resource in prompt.Resources.Values)
        {
            if (resource.Status != "uploaded" || resource.UploadedAt is not { } uploadedAt
                || Now < uploadedAt.AddMilliseconds(current.TranscodeDelayMilliseconds)
                || ArchitectSettings.Matches(current.TranscodeNeverFinishesFor, prompt.Name))
            {
                continue;
            }

            resource.Status = resource.AudioAcceptable && !ArchitectSettings.Matches(current.TranscodeFailsFor, prompt.Name)
                ? "transcoded"
                : "transcodeFailed";
        }
    }

    /// <summary>Raised by <see cref="Reset"/> so per-token state elsewhere (the rate limiter) starts over too.</summary>
    public event Action? Resetting;

    public void Reset()
    {
        lock (Lock)
        {
            Prompts.Clear();
            IssuedUploads.Clear();
            Settings = new ArchitectSettings();
        }

        Resetting?.Invoke();
    }
}

/// <summary>One pre-signed upload URL: where its bytes go, the headers it was signed with, and when it was issued.</summary>
internal sealed record IssuedUpload(string PromptId, string Language, IReadOnlyDictionary<string, string> Headers, DateTimeOffset IssuedAt);
