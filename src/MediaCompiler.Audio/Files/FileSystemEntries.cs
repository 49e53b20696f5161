using System.Runtime.InteropServices;

namespace MediaCompiler.Audio.Files;

/// <summary>
/// Classifies a path before anything opens it. .NET's FileSystemInfo cannot tell a FIFO or a device from a file on
/// Unix, so this asks the runtime's own native shim (libSystem.Native, shipped with every .NET runtime) for
/// <c>stat</c>/<c>lstat</c>; its FileStatus struct is the runtime's platform-neutral one, whose Mode (offset 4) is
/// the raw st_mode and whose Size is at offset 16. Where the shim is unavailable (Windows, which has no FIFOs or
/// devices on the file system) the managed attributes are enough.
/// </summary>
public static class FileSystemEntries
{
    private const int TypeMask = 0xF000;
    private const int TypeFifo = 0x1000;
    private const int TypeCharacterDevice = 0x2000;
    private const int TypeDirectory = 0x4000;
    private const int TypeBlockDevice = 0x6000;
    private const int TypeRegular = 0x8000;
    private const int TypeSocket = 0xC000;

    public static FileSystemEntry Inspect(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return InspectManaged(path);
        }

        try
        {
            return InspectNative(path);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return InspectManaged(path);
        }
    }

    private static FileSystemEntry InspectNative(string path)
    {
        if (NativeStat.LStat(path, out var link) != 0)
        {
            return new FileSystemEntry(FileSystemEntryKind.Missing, 0, false);
        }

        var isLink = (link.Mode & TypeMask) == 0xA000;
        if (!isLink)
        {
            return new FileSystemEntry(KindOf(link.Mode), link.Size, false);
        }

        return NativeStat.Stat(path, out var target) == 0
            ? new FileSystemEntry(KindOf(target.Mode), target.Size, true)
            : new FileSystemEntry(FileSystemEntryKind.BrokenLink, 0, true);
    }

    private static FileSystemEntryKind KindOf(int mode) => (mode & TypeMask) switch
    {
        TypeRegular => FileSystemEntryKind.Regular,
        TypeDirectory => FileSystemEntryKind.Directory,
        TypeFifo => FileSystemEntryKind.Fifo,
        TypeCharacterDevice => FileSystemEntryKind.CharacterDevice,
        TypeBlockDevice => FileSystemEntryKind.BlockDevice,
        TypeSocket => FileSystemEntryKind.Socket,
        _ => FileSystemEntryKind.Other,
    };

    private static FileSystemEntry InspectManaged(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return Directory.Exists(path)
                ? new FileSystemEntry(FileSystemEntryKind.Directory, 0, info.LinkTarget is not null)
                : new FileSystemEntry(FileSystemEntryKind.Missing, 0, false);
        }

        return new FileSystemEntry(FileSystemEntryKind.Regular, info.Length, info.LinkTarget is not null);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA2101", Justification = "The path is marshalled explicitly as UTF-8 (LPUTF8Str), which is what the runtime's native shim expects; CharSet does not apply.")]
    private static class NativeStat
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
        public static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, out FileStatus status);
    }

    /// <summary>The leading fields of the runtime's FileStatus; Size = 256 leaves room for every later field.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
    }
}
