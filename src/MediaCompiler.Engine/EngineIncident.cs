namespace MediaCompiler.Engine;

/// <summary>
/// A failure the engine survived but must not hide: a final state that could not be written, a throwing
/// <see cref="MediaEngine.JobFinished"/> subscriber, a worker that would not stop. Counted in
/// <see cref="MediaEngine.IncidentCount"/> and passed to <see cref="MediaEngineOptions.OnIncident"/> (the emulator logs them).
/// </summary>
public sealed record EngineIncident(string What, Exception Exception);

/// <summary>Counts incidents and hands them to the host's sink; a sink that throws is counted, never rethrown.</summary>
internal sealed class IncidentReporter(Action<EngineIncident>? sink)
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Report(string what, Exception exception)
    {
        Interlocked.Increment(ref _count);
        try
        {
            sink?.Invoke(new EngineIncident(what, exception));
        }
        catch (Exception sinkFailure) when (sinkFailure is not OutOfMemoryException)
        {
            // The sink is the host's logger; if it fails there is nowhere left to write. The count above still shows it.
            Interlocked.Increment(ref _count);
        }
    }
}
