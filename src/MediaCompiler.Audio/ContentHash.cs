namespace MediaCompiler.Audio;

/// <summary>SHA-256 content hashes in the media API's form: <c>sha256:</c> and 64 lower-case hex digits.</summary>
public static class ContentHash
{
    public const string Prefix = "sha256:";

    public static string OfFile(string path) => throw new NotImplementedException();

    public static string Of(ReadOnlySpan<byte> content) => throw new NotImplementedException();

    public static string Of(Stream content) => throw new NotImplementedException();

    /// <summary>True when <paramref name="value"/> is <c>sha256:</c> followed by 64 hex digits.</summary>
    public static bool IsWellFormed(string? value) => throw new NotImplementedException();
}
