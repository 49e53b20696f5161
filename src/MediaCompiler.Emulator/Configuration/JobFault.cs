namespace MediaCompiler.Emulator.Configuration;

/// <summary>What the emulator's fault switch does to compile jobs submitted while it is set.</summary>
public enum JobFault
{
    None,

    /// <summary>The job is reported FAILED with a message saying it was forced (IVR3009).</summary>
    Fail,

    /// <summary>The job is reported RUNNING for ever (until the emulator is reset), and its webhook is never sent.</summary>
    NeverFinish,
}
