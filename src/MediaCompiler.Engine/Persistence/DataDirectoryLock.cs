using System.Diagnostics;
using System.Globalization;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Engine.Persistence;

/// <summary>
/// An exclusive hold on a data directory for one engine: <c>engine.lock</c> opened with no sharing (an OS lock that
/// the kernel drops when the process dies, so a crash never leaves the directory locked) and <c>engine.owner</c>, a
/// plain text line naming the holder for the refusal message. Two engines on one directory would delete each other's
/// in-flight temp files and run resumed jobs twice.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private const string LockFileName = "engine.lock";
    private const string OwnerFileName = "engine.owner";

    private readonly FileStream _lock;

    private DataDirectoryLock(FileStream held) => _lock = held;

    /// <summary>Takes the directory, or throws <see cref="DataDirectoryLockedException"/> (IVR3404) naming the holder.</summary>
    public static DataDirectoryLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        var lockPath = Path.Combine(directory, LockFileName);
        var ownerPath = Path.Combine(directory, OwnerFileName);
        FileStream held;
        try
        {
            held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : "an unknown process";
            var diagnostic = Diagnostic.Create(DiagnosticCatalog.EngineDataDirectoryLocked, directory, directory, holder);
            throw new DataDirectoryLockedException(diagnostic);
        }

        using var self = Process.GetCurrentProcess();
        File.WriteAllText(ownerPath, string.Create(CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} ({self.ProcessName}) on {Environment.MachineName} since {DateTimeOffset.UtcNow:O}"));
        return new DataDirectoryLock(held);
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>
/// Thrown by the engine's constructor when its data directory is held by another engine: a start-up refusal (the
/// emulator prints it and exits 1), carrying the coded diagnostic.
/// </summary>
public sealed class DataDirectoryLockedException : InvalidOperationException
{
    public DataDirectoryLockedException(Diagnostic diagnostic)
        : base(diagnostic.ToString()) => Diagnostic = diagnostic;

    public DataDirectoryLockedException()
    {
    }

    public DataDirectoryLockedException(string message)
        : base(message)
    {
    }

    public DataDirectoryLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>IVR3404, naming the directory and its holder.</summary>
    public Diagnostic? Diagnostic { get; }
}
