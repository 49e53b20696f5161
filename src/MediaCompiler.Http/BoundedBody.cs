using System.Buffers;
using System.Globalization;
using System.Net;

namespace MediaCompiler.Http;

/// <summary>
/// Reads an answer's body up to a bound, whatever its Content-Length claims or omits. HttpClient's own buffer takes up
/// to 2 GB, so without this a wrong base URL, a broken proxy or a hostile host could make a build hold gigabytes; with
/// it, the answer is refused at the bound, which costs at most the bound in memory and is never retried (the same
/// server would send the same answer). Every remote reads its bodies through here.
/// </summary>
public static class BoundedBody
{
    /// <summary>
    /// The most a JSON answer of either platform may be: the largest we expect (a compilation's status with a result
    /// per prompt, a page of a listing) is a few MB for tens of thousands of prompts.
    /// </summary>
    public const long MaxJsonAnswerBytes = 32L * 1024 * 1024;

    /// <summary>
    /// Sends <paramref name="request"/> and buffers the answer's body within <paramref name="maxBytes"/>, all inside the
    /// caller's attempt: its timeout covers the body, and a body that stalls or breaks off fails the attempt like a
    /// dropped connection (retried), where HttpClient's own buffering would read up to 2 GB.
    /// </summary>
    /// <exception cref="AnswerTooLargeException">The body claims or holds more than <paramref name="maxBytes"/>.</exception>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, long maxBytes, CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            await BufferAsync(answer, maxBytes, cancellationToken).ConfigureAwait(false);
            return answer;
        }
        catch
        {
            answer.Dispose();
            throw;
        }
    }

    /// <summary>The body, read inside the caller's attempt (its timeout and cancellation apply).</summary>
    /// <exception cref="AnswerTooLargeException">The body claims or holds more than <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadAsync(HttpResponseMessage answer, long maxBytes, CancellationToken cancellationToken)
    {
        var content = answer.Content;
        var status = (int)answer.StatusCode;
        if (answer.RequestMessage?.Method == HttpMethod.Head || answer.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified)
        {
            // No body, whatever Content-Length says (for a HEAD it is the length a GET would have).
            return [];
        }

        if (content.Headers.ContentLength is { } claimed && claimed > maxBytes)
        {
            throw new AnswerTooLargeException(status, claimed, maxBytes);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (content.Headers.ContentLength is { } length)
        {
            // The transport stops at Content-Length and fails a body that ends before it (an IOException: retried).
            var exact = new byte[length];
            await stream.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new AnswerTooLargeException(status, null, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Replaces the answer's streamed body with the same bytes held in memory (its content headers kept), so callers
    /// read it as they would a body HttpClient had buffered.
    /// </summary>
    private static async Task BufferAsync(HttpResponseMessage answer, long maxBytes, CancellationToken cancellationToken)
    {
        var bytes = await ReadAsync(answer, maxBytes, cancellationToken).ConfigureAwait(false);
        var buffered = new ByteArrayContent(bytes);
        foreach (var header in answer.Content.Headers)
        {
            // Content-Length is the buffer's own; a decompressed body no longer has the length the server sent.
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        answer.Content.Dispose();
        answer.Content = buffered;
    }
}

/// <summary>An answer past its route's bound: the answer is wrong, and not worth another attempt (not transient).</summary>
public sealed class AnswerTooLargeException(int status, long? claimed, long maxBytes) : Exception(claimed is { } length
    ? string.Create(CultureInfo.InvariantCulture, $"the body is {length} bytes, more than the {maxBytes} this answer can be")
    : string.Create(CultureInfo.InvariantCulture, $"the body is more than the {maxBytes} bytes this answer can be"))
{
    /// <summary>The answer's HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The Content-Length the server sent, when it sent one past the bound; null when the body ran past it.</summary>
    public long? Claimed { get; } = claimed;

    public long MaxBytes { get; } = maxBytes;
}
