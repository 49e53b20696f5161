using System.IO.Compression;
using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text.Json;
using MediaCompiler.Build.Tests.Support;

namespace MediaCompiler.Build.Tests.EndToEnd;

/// <summary>
/// The package's precompiled copies of the task (tasks/net10.0-&lt;rid&gt;/): what they hold, that MSBuild on .NET 10
/// picks the one for its machine and everything else the portable tasks/net8.0/, and that the runtime really runs
/// their code instead of compiling the methods again (code it rejects would be silently compiled by the JIT).
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class PrecompiledTaskTests : IDisposable
{
    internal static readonly string[] Runtimes = ["linux-x64", "linux-arm64", "win-x64", "osx-arm64"];

    private readonly PackedPackageFixture _package;
    private readonly TempDirectory _temp = new();

    public PrecompiledTaskTests(PackedPackageFixture package) => _package = package;

    public void Dispose() => _temp.Dispose();

    /// <summary>This process's machine as a runtime identifier: the tests run on the SDK's runtime, as MSBuild does.</summary>
    internal static string ThisMachine
    {
        get
        {
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            return $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        }
    }

    private string ExtractTasks()
    {
        var folder = _temp.Combine("package");
        using var nupkg = ZipFile.OpenRead(Directory.GetFiles(_package.Feed, "MediaCompiler.Build.*.nupkg").Single());
        foreach (var entry in nupkg.Entries.Where(e => e.FullName.StartsWith("tasks/", StringComparison.Ordinal)))
        {
            var target = Path.Combine(folder, entry.FullName);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target);
        }
        return Path.Combine(folder, "tasks");
    }

    [Fact]
    public void Each_precompiled_folder_holds_the_portable_folders_files_as_ReadyToRun_code_for_its_machine()
    {
        var tasks = ExtractTasks();
        var portable = Directory.GetFiles(Path.Combine(tasks, "net8.0")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["net10.0-linux-arm64", "net10.0-linux-x64", "net10.0-osx-arm64", "net10.0-win-x64", "net8.0"],
            Directory.GetDirectories(tasks).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var runtime in Runtimes)
        {
            var folder = Path.Combine(tasks, "net10.0-" + runtime);
            Assert.Equal(portable, Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var dll in Directory.GetFiles(folder, "*.dll"))
            {
                using var pe = new PEReader(File.OpenRead(dll));
                Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{runtime}/{Path.GetFileName(dll)} has no ReadyToRun code");
            }
            using var deps = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "MediaCompiler.Build.deps.json")));
            Assert.Equal(".NETCoreApp,Version=v10.0/" + runtime, deps.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString());
        }
        foreach (var dll in Directory.GetFiles(Path.Combine(tasks, "net8.0"), "*.dll"))
        {
            using var pe = new PEReader(File.OpenRead(dll));
            Assert.Equal(0, pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
        }
    }

    [Fact]
    public async Task MSBuild_on_this_runtime_loads_the_copy_for_its_machine_and_any_other_host_the_portable_one()
    {
        var sample = _package.CopySample(_temp.Combine("sample"));
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.PackagesFolder };
        Assert.True((await DotnetCli.RunAsync(sample, environment, "restore", "--nologo")).Succeeded);

        async Task<string> TaskAssembly(params string[] properties)
        {
            var result = await DotnetCli.RunAsync(sample, environment, ["msbuild", "-getProperty:IvrTaskAssembly", "-nologo", .. properties]);
            Assert.True(result.Succeeded, result.Output);
            return result.Output.Trim();
        }

        var chosen = await TaskAssembly();
        var expected = Runtimes.Contains(ThisMachine) && Environment.Version.Major == 10 ? $"net10.0-{ThisMachine}" : "net8.0";
        Assert.EndsWith(Path.Combine("tasks", expected, "MediaCompiler.Build.dll"), chosen, StringComparison.Ordinal);
        Assert.True(File.Exists(chosen), chosen);

        // A machine or runtime the package has no copy for (what _IvrPrecompiledTaskFolder names there).
        var other = await TaskAssembly("-p:_IvrPrecompiledTaskFolder=net10.0-freebsd-x64");
        Assert.EndsWith(Path.Combine("tasks", "net8.0", "MediaCompiler.Build.dll"), other, StringComparison.Ordinal);
    }

    [OnAMachineWithAPrecompiledCopyFact]
    public void The_runtime_runs_the_precompiled_code_where_the_portable_copy_needs_the_JIT()
    {
        var tasks = ExtractTasks();

        var portable = MethodsCompiledByTheJit(Path.Combine(tasks, "net8.0"));
        var precompiled = MethodsCompiledByTheJit(Path.Combine(tasks, "net10.0-" + ThisMachine));

        // Preparing a method of plain IL always compiles it; a precompiled one only when its code needs a generic
        // instantiation from outside the assembly. Rejected ReadyToRun code would count as many as the portable copy.
        Assert.True(portable.Prepared > 300, $"only {portable.Prepared} methods prepared");
        Assert.True(portable.Compiled >= portable.Prepared * 9 / 10, $"portable: {portable.Compiled} of {portable.Prepared} compiled");
        Assert.True(precompiled.Compiled * 4 < portable.Compiled, $"precompiled: {precompiled.Compiled} of {precompiled.Prepared} compiled by the JIT, portable: {portable.Compiled}");
    }

    [OnAMachineWithAPrecompiledCopyFact]
    public void Generic_code_of_the_framework_over_the_tasks_types_is_precompiled_too()
    {
        var tasks = ExtractTasks();
        // A first run compiles what every copy shares (the framework's own code, this test's callback).
        JitCompilationsOfAnAsyncWrite(Path.Combine(tasks, "net8.0"));

        var precompiled = JitCompilationsOfAnAsyncWrite(Path.Combine(tasks, "net10.0-" + ThisMachine));
        var portable = JitCompilationsOfAnAsyncWrite(Path.Combine(tasks, "net8.0"));

        // An async method's state machine is the task's type; the builder's methods over it (Start<T>,
        // AwaitUnsafeOnCompleted<T>...) are the framework's generic code. Per-assembly ReadyToRun leaves those to the
        // JIT (about 7 methods here, 12 for the portable copy); crossgen2 --non-local-generics-module compiles them into
        // the task's image.
        Assert.True(precompiled * 4 <= portable, $"an async write compiled {precompiled} methods with the precompiled copy, {portable} with the portable one");
    }

    /// <summary>One <c>AtomicFile.WriteAsync</c> of the folder's MediaCompiler.Storage.dll, in a context of its own: the methods the JIT compiled.</summary>
    private long JitCompilationsOfAnAsyncWrite(string folder)
    {
        var context = new AssemblyLoadContext("precompiled-task-test-async:" + folder + Guid.NewGuid());
        context.Resolving += (own, name) => File.Exists(Path.Combine(folder, name.Name + ".dll")) ? own.LoadFromAssemblyPath(Path.Combine(folder, name.Name + ".dll")) : null;
        var storage = context.LoadFromAssemblyPath(Path.Combine(folder, "MediaCompiler.Storage.dll"));
        var write = storage.GetType("MediaCompiler.Storage.AtomicFile", throwOnError: true)!
            .GetMethod("WriteAsync", [typeof(string), typeof(Func<Stream, CancellationToken, Task>), typeof(CancellationToken)])!;
        Func<Stream, CancellationToken, Task> content = (stream, token) => stream.WriteAsync(new byte[] { 1, 2, 3 }, token).AsTask();
        var path = _temp.Combine("async-write-" + Guid.NewGuid().ToString("N") + ".bin");

        var before = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        ((Task)write.Invoke(null, [path, content, CancellationToken.None])!).GetAwaiter().GetResult();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - before;

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        return compiled;
    }

    /// <summary>
    /// Loads the folder's MediaCompiler.Pipeline.dll in a context of its own and prepares (compiles, or finds
    /// precompiled) every non-generic method it declares, counting what the JIT compiled on this thread.
    /// </summary>
    private static (int Prepared, long Compiled) MethodsCompiledByTheJit(string folder)
    {
        // Not collectible: the runtime never uses ReadyToRun code in a collectible context (MSBuild's is not one).
        var context = new AssemblyLoadContext("precompiled-task-test:" + folder);
        context.Resolving += (own, name) => File.Exists(Path.Combine(folder, name.Name + ".dll")) ? own.LoadFromAssemblyPath(Path.Combine(folder, name.Name + ".dll")) : null;
        var assembly = context.LoadFromAssemblyPath(Path.Combine(folder, "MediaCompiler.Pipeline.dll"));
        var methods = assembly.GetTypes()
            .Where(type => !type.ContainsGenericParameters)
            .SelectMany(type => type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static))
            .Where(method => !method.ContainsGenericParameters && !method.IsAbstract && method.GetMethodBody() is not null)
            .ToArray();
        var before = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        foreach (var method in methods)
        {
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
        }
        return (methods.Length, System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - before);
    }
}

/// <summary>A test of the precompiled copy for this machine: skipped where the package has none.</summary>
public sealed class OnAMachineWithAPrecompiledCopyFactAttribute : FactAttribute
{
    public OnAMachineWithAPrecompiledCopyFactAttribute()
    {
        if (!PrecompiledTaskTests.Runtimes.Contains(PrecompiledTaskTests.ThisMachine) || Environment.Version.Major != 10)
        {
            Skip = $"The package has no precompiled copy of the task for {PrecompiledTaskTests.ThisMachine} on .NET {Environment.Version}.";
        }
    }
}
