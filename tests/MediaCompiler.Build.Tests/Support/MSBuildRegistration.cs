using Microsoft.Build.Locator;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("MediaCompiler.Build.Tests.Support.MSBuildTestFramework", "MediaCompiler.Build.Tests")]

namespace MediaCompiler.Build.Tests.Support;

/// <summary>
/// Points the Microsoft.Build assemblies at the installed SDK's MSBuild (they are compile-time references only).
/// It must happen before any Microsoft.Build type is loaded, and xunit's discovery already loads every type of this
/// assembly (RecordingBuildEngine implements IBuildEngine), so a module initializer is too late: the test framework
/// that xunit creates before discovery registers MSBuild instead.
/// </summary>
public sealed class MSBuildTestFramework : XunitTestFramework
{
    public MSBuildTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
