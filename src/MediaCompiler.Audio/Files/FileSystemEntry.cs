namespace MediaCompiler.Audio.Files;

/// <summary>What a path names on the file system, after following symbolic links.</summary>
public enum FileSystemEntryKind
{
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Missing,

    /// <summary>A symbolic link that loops or whose target does not exist.</summary>
    BrokenLink,
    Other,
}

/// <summary>
/// A path's kind and size as <c>stat</c> reports them (links followed), read without opening the path: opening a
/// FIFO blocks until a writer appears, and reading a device such as /dev/zero never ends.
/// </summary>
public sealed record FileSystemEntry(FileSystemEntryKind Kind, long SizeBytes, bool IsSymbolicLink)
{
    public bool IsRegularFile => Kind == FileSystemEntryKind.Regular;

    /// <summary>The kind in words, for messages: "a FIFO (named pipe)", "a character device"...</summary>
    public string Description => Kind switch
    {
        FileSystemEntryKind.Regular => "a regular file",
        FileSystemEntryKind.Directory => "a folder",
        FileSystemEntryKind.Fifo => "a FIFO (named pipe)",
        FileSystemEntryKind.CharacterDevice => IsSymbolicLink ? "a symbolic link to a character device" : "a character device",
        FileSystemEntryKind.BlockDevice => IsSymbolicLink ? "a symbolic link to a block device" : "a block device",
        FileSystemEntryKind.Socket => "a socket",
        FileSystemEntryKind.Missing => "missing",
        FileSystemEntryKind.BrokenLink => "a symbolic link that loops or points to nothing",
        _ => "a special file",
    };
}
