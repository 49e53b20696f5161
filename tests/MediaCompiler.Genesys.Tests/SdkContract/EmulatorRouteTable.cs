using System.Reflection;
using System.Text.RegularExpressions;
using MediaCompiler.Emulator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MediaCompiler.Genesys.Tests.SdkContract;

/// <summary>One route the emulator serves: its method, template and the class whose handler answers it.</summary>
internal sealed record EmulatorRoute(string Method, string Template, Type Handler)
{
    public string Key => $"{Method} {Template}";
}

/// <summary>
/// The emulator's real route table (ASP.NET Core's <see cref="EndpointDataSource"/> of a running emulator), so a
/// route added without a matching SDK route is seen without anyone listing it here; and the query parameter names
/// each handler class reads, from its source.
/// </summary>
internal static partial class EmulatorRouteTable
{
    public static IReadOnlyList<EmulatorRoute> Read(RunningEmulator emulator)
    {
        // RunningEmulator keeps its host private (the emulator's public surface is for clients); the route table is
        // what this check is about, so it reads the host's services by reflection rather than widen that surface.
        var hostField = typeof(RunningEmulator).GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .FirstOrDefault(f => typeof(IHost).IsAssignableFrom(f.FieldType))
            ?? throw new InvalidOperationException("RunningEmulator holds no IHost field any more: update EmulatorRouteTable to reach its services.");
        var host = (IHost)hostField.GetValue(emulator)!;
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(method => new EmulatorRoute(
                method,
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                Outermost(e.Metadata.OfType<MethodInfo>().FirstOrDefault()?.DeclaringType ?? typeof(object)))))
            .OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The query names a handler class reads (<c>Query["x"]</c>, <c>query["x"]</c>, <c>Query.TryGetValue("x", …)</c>) in its source files.</summary>
    public static IReadOnlySet<string> QueryNamesReadBy(Type handler)
    {
        var sources = Path.Combine(SdkContract.RepositoryRoot(), "src", "MediaCompiler.Emulator");
        var declaration = new Regex($@"\bclass\s+{Regex.Escape(handler.Name)}\b", RegexOptions.CultureInvariant);
        var files = Directory.EnumerateFiles(sources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => declaration.IsMatch(File.ReadAllText(f)))
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"No source file under {sources} declares class {handler.Name}.");
        }

        return files.SelectMany(f => QueryRead().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal);
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    [GeneratedRegex(@"\b[Qq]uery(?:\[""(?<name>[A-Za-z][\w-]*)""\]|\.(?:TryGetValue|ContainsKey)\(""(?<name>[A-Za-z][\w-]*)"")", RegexOptions.CultureInvariant)]
    private static partial Regex QueryRead();
}
