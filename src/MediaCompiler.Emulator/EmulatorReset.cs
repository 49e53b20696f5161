using MediaCompiler.Emulator.Architect;
using MediaCompiler.Emulator.Auth;
using MediaCompiler.Emulator.Faults;
using MediaCompiler.Emulator.RateLimiting;
using MediaCompiler.Emulator.RequestCounting;
using MediaCompiler.Emulator.Webhooks;
using MediaCompiler.Engine;

namespace MediaCompiler.Emulator;

/// <summary>
/// Puts the emulator back to its starting state between tests: the engine forgets assets, jobs and outputs (also in
/// the data directory), request counts and rate-limit windows start over, faults return to the configured ones.
/// Issued tokens stay valid unless asked, so a client holding one need not log in again.
/// </summary>
internal sealed class EmulatorReset(
    MediaEngine engine,
    RequestCounter counter,
    FaultController faults,
    ClientRateLimiter rateLimiter,
    TokenIssuer tokens,
    WebhookDispatcher webhooks,
    ArchitectStore architect,
    JobFaultOverlay jobFaults,
    ClientJobQueues queues)
{
    public void Reset(bool clearTokens)
    {
        engine.Reset();
        jobFaults.Clear();
        queues.Clear();
        webhooks.Clear();
        counter.Clear();
        rateLimiter.Clear();
        faults.RestoreConfigured();
        architect.Reset();
        if (clearTokens)
        {
            tokens.Clear();
        }
    }
}
