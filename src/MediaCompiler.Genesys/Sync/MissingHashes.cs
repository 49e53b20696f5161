using System.Security.Cryptography;
using MediaCompiler.Diagnostics;

namespace MediaCompiler.Genesys.Sync;

/// <summary>
/// Fills in the content hash of prompts given with audio but without one (the planner needs it to recognise
/// unchanged audio). A file that cannot be read is IVR6021 on it, and the prompt is left out of the sync.
/// </summary>
internal static class MissingHashes
{
    public static List<DesiredPrompt> Fill(IReadOnlyList<DesiredPrompt> prompts, List<Diagnostic> diagnostics)
    {
        var ready = new List<DesiredPrompt>(prompts.Count);
        foreach (var prompt in prompts)
        {
            if (prompt.AudioPath is null || prompt.ContentHash is not null)
            {
                ready.Add(prompt);
                continue;
            }

            try
            {
                using var file = File.OpenRead(prompt.AudioPath);
                ready.Add(prompt with { ContentHash = Convert.ToHexString(SHA256.HashData(file)).ToLowerInvariant() });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.GenesysAudioUnreadable, prompt.File, prompt.Name, prompt.Language, ex.Message));
            }
        }

        return ready;
    }
}
