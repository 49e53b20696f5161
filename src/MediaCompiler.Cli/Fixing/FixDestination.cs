using MediaCompiler.Diagnostics;

namespace MediaCompiler.Cli.Fixing;

/// <summary>
/// Where fixed prompts go: into a folder (<c>--out DIR</c>), over the original (<c>--in-place</c>, the original kept
/// as <c>.bak</c>, never over an earlier backup, unless <c>--no-backup</c>), or nowhere (a dry run, the default, which shows what would change).
/// A fixed prompt is always a .wav; fixing "menu.mp3" in place writes "menu.wav" and moves "menu.mp3" aside.
/// </summary>
internal sealed record FixDestination(string? OutFolder, bool InPlace, bool NoBackup)
{
    public bool DryRun => OutFolder is null && !InPlace;

    public string OutputFor(string source) => OutFolder is null
        ? Path.ChangeExtension(source, ".wav")
        : Path.Join(OutFolder, Path.GetFileNameWithoutExtension(source) + ".wav");

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="output"/> through a temporary file (never a half-written prompt).</summary>
    public (string? Backup, Diagnostic? Error) Write(string source, string output, byte[] bytes)
    {
        if (DryRun)
        {
            return (null, null);
        }

        var temporary = output + ".ivr-media-tmp";
        try
        {
            if (OutFolder is not null)
            {
                Directory.CreateDirectory(OutFolder);
            }

            File.WriteAllBytes(temporary, bytes);
            string? backup = null;
            if (InPlace)
            {
                if (!NoBackup)
                {
                    backup = FreeBackupName(source);
                    File.Copy(source, backup, overwrite: false);
                }

                if (!string.Equals(Path.GetFullPath(source), Path.GetFullPath(output), StringComparison.Ordinal))
                {
                    File.Delete(source); // menu.mp3 -> menu.wav: the old name must not stay a second prompt.
                }
            }

            File.Move(temporary, output, overwrite: true);
            return (backup, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return (null, WriteFailure.Describe(e, source, output,
                () => Diagnostic.Create(DiagnosticCatalog.FixWriteFailed, source, source, output, e.Message.TrimEnd('.'))));
        }
    }

    /// <summary>
    /// <c>menu.wav.bak</c>, or the first free <c>menu.wav.2.bak</c>, <c>.3.bak</c> …: a second in-place fix (another
    /// encoding, a trim) never overwrites the backup of the recording the first one replaced.
    /// </summary>
    private static string FreeBackupName(string source)
    {
        var backup = source + ".bak";
        for (var n = 2; File.Exists(backup); n++)
        {
            backup = $"{source}.{n}.bak";
        }

        return backup;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file is left behind; the write error already reported is what matters.
        }
    }
}
