namespace MediaCompiler.Engine;

/// <summary>How a <see cref="MediaEngine"/> is set up. Every default suits the in-process engine of a build.</summary>
public sealed class MediaEngineOptions
{
    /// <summary>Where assets, compiled outputs and jobs persist. Null keeps everything in memory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Flow ids a compile request may name. Null accepts any flow id (the in-process default).</summary>
    public IReadOnlyCollection<string>? KnownFlowIds { get; init; }

    /// <summary>
    /// Path of ffmpeg, used only as the reported fallback for AAC prompts until the in-process AAC decoder lands (WAV,
    /// MP3, Ogg Vorbis and Ogg Opus never need it). Null looks for <c>ffmpeg</c> on the PATH.
    /// </summary>
    public string? FfmpegPath { get; init; }

    /// <summary>How long ffmpeg may take to decode one prompt before the asset is rejected (IVR3007).</summary>
    public TimeSpan DecodeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The ITU-T P.56 active speech level (dBov) that normalizeVolume brings prompts to. The default, -26 dBov, is the
    /// level the ITU's tools normalise speech to (about the -19 dBm0 network level of G.169/G.115).
    /// </summary>
    public double TargetSpeechLevelDbov { get; init; } = Codecs.Dsp.SpeechLevelNormalizer.DefaultTargetDbov;

    /// <summary>
    /// How many entries of one job compile at once. Compiling is decoding, measuring and encoding: CPU work, so one
    /// per core by default (one job of 2,000 prompts no longer leaves all but one core idle).
    /// </summary>
    public int MaxParallelEntries { get; init; } = Environment.ProcessorCount;

    /// <summary>How many compile jobs run at once.</summary>
    public int MaxConcurrentJobs { get; init; } = 2;

    /// <summary>The clock for submitted/completed dates (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Told of every failure the engine survives (see <see cref="EngineIncident"/>); the emulator logs them. Null: they
    /// are only counted (<see cref="MediaEngine.IncidentCount"/>).
    /// </summary>
    public Action<EngineIncident>? OnIncident { get; init; }

    /// <summary>The most media entries one compile job may have; more is refused (IVR3400, 413).</summary>
    public int MaxEntriesPerJob { get; init; } = 5000;

    /// <summary>The most jobs QUEUED or RUNNING at once; one more is refused (IVR3402, 429).</summary>
    public int MaxUnfinishedJobs { get; init; } = 100;

    /// <summary>
    /// Whether jobs found unfinished in the data directory are queued by the constructor. A host that sends webhooks
    /// sets false and calls <see cref="MediaEngine.ResumeUnfinishedJobs"/> once it listens to job endings.
    /// </summary>
    public bool ResumeOnStart { get; init; } = true;
}
