namespace MediaCompiler.Emulator.Configuration;

/// <summary>How job-finished webhooks are delivered.</summary>
public sealed class WebhookSettings
{
    /// <summary>Attempts in all (the first try included) before a delivery is given up.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the second attempt; it doubles for each later one (200, 400, 800 ms, ...).</summary>
    public int BaseDelayMilliseconds { get; set; } = 200;

    /// <summary>How long one attempt may take.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Deliver only to loopback hosts (127.0.0.0/8, ::1, localhost). The emulator is a local test tool: it must not
    /// become a way to make this machine POST to the network.
    /// </summary>
    public bool LoopbackOnly { get; set; } = true;

    internal IEnumerable<string> Validate(string path)
    {
        if (MaxAttempts < 1)
        {
            yield return $"{path}:MaxAttempts is {MaxAttempts}; it must be 1 or more.";
        }

        if (BaseDelayMilliseconds < 0)
        {
            yield return $"{path}:BaseDelayMilliseconds is {BaseDelayMilliseconds}; it must be 0 or more.";
        }

        if (TimeoutSeconds <= 0)
        {
            yield return $"{path}:TimeoutSeconds is {TimeoutSeconds}; it must be positive.";
        }
    }
}
