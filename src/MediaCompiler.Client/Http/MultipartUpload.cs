using System.Net.Http.Headers;

namespace MediaCompiler.Client;

/// <summary>
/// The body of <c>POST /api/v2/media/assets</c>: field <c>file</c> (with its file name) and field <c>contentHash</c>.
/// Built afresh for every attempt, because a sent HttpContent cannot be sent again.
/// </summary>
internal static class MultipartUpload
{
    public static MultipartFormDataContent Create(string fileName, byte[] content, string contentHash)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent
        {
            { file, "file", fileName },
            { new StringContent(contentHash), "contentHash" },
        };
        return form;
    }
}
