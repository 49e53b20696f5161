namespace MediaCompiler.Codecs.Decoding.Alac;

/// <summary>An ALAC packet or configuration that breaks the format's rules: the file's damage, said in its own words.</summary>
internal sealed class AlacDamageException(string reason) : Exception(reason);
