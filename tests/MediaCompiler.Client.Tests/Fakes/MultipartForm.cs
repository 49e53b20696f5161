using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MediaCompiler.Client.Tests.Fakes;

/// <summary>A recorded multipart/form-data body, parsed the way ASP.NET Core (and so the emulator) parses it.</summary>
internal sealed class MultipartForm
{
    private readonly Dictionary<string, (string? FileName, byte[] Content)> _parts = new(StringComparer.Ordinal);

    public static async Task<MultipartForm> ParseAsync(RecordedRequest request)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType!.ToString()).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(request.Body));
        var form = new MultipartForm();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            form._parts[HeaderUtilities.RemoveQuotes(disposition.Name).Value!] =
                (HeaderUtilities.RemoveQuotes(disposition.FileName).Value, content.ToArray());
        }
        return form;
    }

    public (string? FileName, byte[] Content) File(string name) => _parts[name];

    public string Field(string name) => System.Text.Encoding.UTF8.GetString(_parts[name].Content);
}
