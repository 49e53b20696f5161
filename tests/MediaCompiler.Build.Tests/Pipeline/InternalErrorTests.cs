using MediaCompiler.Build.Tests.Support;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MediaCompiler.Build.Tests.Pipeline;

/// <summary>A bug of ours is IVR9001 with a plea to report it, never an engine error (IVR2103) and never a bare stack.</summary>
public sealed class InternalErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void An_unexpected_exception_is_IVR9001_with_the_stack_trace_at_low_importance()
    {
        var buildEngine = new RecordingBuildEngine();
        var task = new CompileIvrPrompts
        {
            BuildEngine = buildEngine,
            Prompts = [new TaskItem(TestAudio.WriteTone(_temp.Combine("prompts", "welcome.wav"), 440))],
            FlowId = "main-menu-flow",
            ReadEnvironment = _ => null,
            ConnectEngine = (_, _) => throw new InvalidOperationException("a bug in the test double"),
        };

        Assert.False(task.Execute());

        var error = Assert.Single(buildEngine.Errors);
        Assert.Equal("IVR9001", error.Code);
        Assert.Contains("System.InvalidOperationException: a bug in the test double", error.Message);
        Assert.Contains("report it to the MediaCompiler.Build maintainers", error.Message);
        Assert.DoesNotContain("example.invalid", error.Message);
        var stack = Assert.Single(buildEngine.Messages, m => m.Message?.Contains("   at ", StringComparison.Ordinal) == true);
        Assert.Equal(MessageImportance.Low, stack.Importance);
    }
}
