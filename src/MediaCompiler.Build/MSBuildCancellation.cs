namespace MediaCompiler.Build;

/// <summary>
/// How MSBuild tells a task that yielded its node that the build was cancelled (Ctrl+C): <c>Reacquire</c> throws the
/// engine's BuildAbortedException. That exception must reach MSBuild, which reports the cancellation itself; wrapped
/// as IVR9001 it would call a user's Ctrl+C a bug of ours. The type lives in Microsoft.Build.dll, which a task does
/// not reference, so it is known by name.
/// </summary>
internal static class MSBuildCancellation
{
    private const string BuildAbortedExceptionName = "Microsoft.Build.Exceptions.BuildAbortedException";

    public static bool IsBuildAborted(Exception exception) => exception.GetType().FullName == BuildAbortedExceptionName;
}
