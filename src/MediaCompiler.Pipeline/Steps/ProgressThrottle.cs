namespace MediaCompiler.Pipeline.Steps;

/// <summary>
/// Says when a progress line is due: not before <c>quietFor</c> has passed since the start (short work stays silent),
/// then at most once per <c>every</c>. Thread-safe.
/// </summary>
internal sealed class ProgressThrottle(TimeProvider time, TimeSpan quietFor, TimeSpan every)
{
    private readonly long _started = time.GetTimestamp();
    private long _last = long.MinValue;

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    public bool IsDue()
    {
        var now = time.GetTimestamp();
        if (time.GetElapsedTime(_started, now) < quietFor)
        {
            return false;
        }

        var last = Interlocked.Read(ref _last);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < every)
        {
            return false;
        }

        return Interlocked.CompareExchange(ref _last, now, last) == last;
    }
}
