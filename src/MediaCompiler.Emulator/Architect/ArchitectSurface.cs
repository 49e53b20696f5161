using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// The Genesys Cloud Architect user-prompt surface of the emulator, beside the media API in the same process: same
/// <c>POST /oauth/token</c>, same request counts, reset by <c>/emulator/reset</c>.
/// </summary>
internal static class ArchitectSurface
{
    public static IServiceCollection AddArchitectSurface(this IServiceCollection services) =>
        services.AddSingleton<ArchitectStore>().AddSingleton<ArchitectRateLimiter>();

    public static WebApplication MapArchitectSurface(this WebApplication app)
    {
        app.MapArchitectPromptEndpoints();
        app.MapArchitectResourceEndpoints();
        app.MapArchitectUploadEndpoints();
        app.MapArchitectPresignedUploadEndpoints();
        app.MapArchitectDependencyEndpoints();
        app.MapArchitectDivisionEndpoints();
        app.MapArchitectAdminEndpoints();
        return app;
    }
}
