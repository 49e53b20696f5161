using System.Net.Http.Headers;

namespace MediaCompiler.Client;

/// <summary>
/// The body of <c>POST /api/v2/media/assets</c>: field <c>file</c> (with its file name) and field <c>contentHash</c>;
/// of <c>POST /api/v2/media/assets/batch</c>: the same two fields once per file, in the same order.
/// Built afresh for every attempt, because a sent HttpContent cannot be sent again.
/// </summary>
internal static class MultipartUpload
{
    public static MultipartFormDataContent Create(string fileName, byte[] content, string contentHash) =>
        CreateBatch([(fileName, content, contentHash)]);

    public static MultipartFormDataContent CreateBatch(IReadOnlyList<(string FileName, byte[] Content, string ContentHash)> files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, content, _) in files)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "file", fileName);
        }
        foreach (var (_, _, contentHash) in files)
        {
            form.Add(new StringContent(contentHash), "contentHash");
        }
        return form;
    }
}
