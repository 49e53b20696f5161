namespace MediaCompiler.Diagnostics;

/// <summary>
/// What a failed write says about the machine: a full disk is the user's to fix (IVR5010), and must not read as a
/// damaged prompt, a permission problem or our bug.
/// </summary>
public static class WriteFailure
{
    /// <summary>ENOSPC (Linux and macOS report the errno as the HResult), and ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL on Windows.</summary>
    private static readonly HashSet<int> DiskFullResults = [28, unchecked((int)0x80070070), unchecked((int)0x80070027)];

    /// <summary>True when <paramref name="exception"/>, or one it wraps, is an I/O error for a full disk.</summary>
    public static bool IsDiskFull(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException && DiskFullResults.Contains(e.HResult))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>IVR5010 on <paramref name="file"/> when the disk is full, else the diagnostic <paramref name="otherwise"/> makes.</summary>
    public static Diagnostic Describe(Exception exception, string? file, string target, Func<Diagnostic> otherwise) =>
        IsDiskFull(exception) ? Diagnostic.Create(DiagnosticCatalog.DiskFull, file, target, exception.Message.TrimEnd('.')) : otherwise();
}
