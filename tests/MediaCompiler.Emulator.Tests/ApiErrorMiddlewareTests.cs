using System.Text.Json;
using MediaCompiler.Emulator.Errors;
using MediaCompiler.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaCompiler.Emulator.Tests;

/// <summary>
/// What escapes a handler becomes an error body: a full data directory (a real ENOSPC, from Linux's /dev/full) is the
/// server's 507 <c>insufficient.storage</c>, never a 500 a client could take for a fault of what it sent; anything
/// else stays a 500 naming only the exception type.
/// </summary>
public sealed class ApiErrorMiddlewareTests
{
    [DevFullFact]
    public async Task A_full_data_directory_is_507_insufficient_storage()
    {
        var (status, body) = await AnswerAsync(DiskFullException());

        Assert.Equal(StatusCodes.Status507InsufficientStorage, status);
        Assert.Equal(("insufficient.storage", 507), (body.GetProperty("code").GetString(), body.GetProperty("status").GetInt32()));
        Assert.Contains("data directory is full", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_failure_is_a_500_naming_only_the_exception_type()
    {
        var (status, body) = await AnswerAsync(new InvalidOperationException("secret detail"));

        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.Equal("internal.server.error", body.GetProperty("code").GetString());
        Assert.DoesNotContain("secret detail", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(int Status, JsonElement Body)> AnswerAsync(Exception thrown)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await new ApiErrorMiddleware(_ => throw thrown, NullLogger<ApiErrorMiddleware>.Instance).InvokeAsync(context);
        context.Response.Body.Position = 0;
        using var document = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, document.RootElement.Clone());
    }

    private static IOException DiskFullException()
    {
        try
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            full.Write(new byte[1]);
            full.Flush();
        }
        catch (IOException ex)
        {
            return ex;
        }
        throw new InvalidOperationException("/dev/full accepted a write");
    }
}
