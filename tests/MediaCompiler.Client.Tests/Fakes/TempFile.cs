namespace MediaCompiler.Client.Tests.Fakes;

/// <summary>A file in its own temp folder, deleted with the folder.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string name, byte[] content)
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mc-client-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, name);
        File.WriteAllBytes(Path, content);
    }

    public string Folder { get; }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
