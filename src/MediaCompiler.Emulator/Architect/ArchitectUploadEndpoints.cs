using System.Text;
using System.Text.Json;
using MediaCompiler.Audio;
using MediaCompiler.Emulator.RequestCounting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Architect;

/// <summary>
/// The upload route behind every uploadUri (<c>POST /uploads/v2/ivr?additionalInfo=…</c>, Bearer required,
/// multipart part <c>file</c>) and the transcoded media behind mediaUri (no authentication, like the real S3 links).
/// </summary>
internal static class ArchitectUploadEndpoints
{
    /// <summary>"The file size is limited to 25MB" (reference §5).</summary>
    public const long MaxUploadBytes = 25L * 1024 * 1024;

    private const long FramingAllowance = 64 * 1024;

    public static void MapArchitectUploadEndpoints(this IEndpointRouteBuilder app)
    {
        // Uploads go to apps.<domain>, outside the JSON API's per-token budget (reference §4).
        app.MapPost("/uploads/v2/ivr", UploadAsync).WithMetadata(ApiRoute.Marker).RequireArchitectToken(ArchitectPermissions.EditPrompts, countsTowardsLimit: false, acceptBareToken: true).DisableAntiforgery();
        app.MapGet("/emulator-media/architect/{promptId}/{language}/{version}.wav", Download).WithMetadata(ApiRoute.Marker);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, ArchitectStore store)
    {
        var target = ReadTarget(http.Request.Query["additionalInfo"].ToString());
        if (target is null)
        {
            return ArchitectErrors.BadRequest(http, "additionalInfo is missing or is not the base64url JSON of an uploadUri.");
        }

        if (!http.Request.HasFormContentType)
        {
            return ArchitectErrors.Result(http, 415, "unsupported.media.type", "The upload must be multipart/form-data with the audio in the part named 'file'.");
        }

        // The emulator's body limit fits the media API; uploads may be as large as the platform's 25 MB (plus the
        // multipart framing), so this route raises both limits before reading the body.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = MaxUploadBytes + FramingAllowance;
        }

        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = MaxUploadBytes + FramingAllowance }));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (InvalidDataException ex)
        {
            // Malformed multipart or a part over the limit: the client's fault, answered as the platform would.
            return ArchitectErrors.Result(http, 413, "request.entity.too.large", $"The multipart body was refused: {ex.Message}");
        }

        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return ArchitectErrors.BadRequest(http, "The multipart body has no part named 'file'.");
        }

        if (file.Length > MaxUploadBytes)
        {
            return ArchitectErrors.Result(http, 413, "request.entity.too.large", $"The file is {file.Length} bytes; the limit is {MaxUploadBytes}.");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        return Store(http, store, target.Value.PromptId, target.Value.Language, buffer.ToArray(), file.FileName);
    }

    /// <summary>Keeps uploaded audio as the resource's new version (status <c>uploaded</c>); shared by both upload routes.</summary>
    internal static IResult Store(HttpContext http, ArchitectStore store, string promptId, string language, byte[] audio, string fileName)
    {
        var verdict = AcceptableAudio.Judge(audio, fileName);
        lock (store.Lock)
        {
            if (!store.Prompts.TryGetValue(promptId, out var prompt) || !prompt.Resources.TryGetValue(language, out var resource))
            {
                return ArchitectErrors.NotFound(http, $"Resource '{language}' of prompt '{promptId}'");
            }

            resource.PreviousStatus = resource.Status;
            resource.PreviousVersion = resource.Version;
            resource.Audio = audio;
            resource.AudioAcceptable = verdict.Acceptable;
            resource.DurationSeconds = verdict.DurationSeconds;
            resource.AudioFormat = verdict.Format;
            resource.Status = "uploaded";
            resource.UploadedAt = store.Now;
            resource.Version++;
        }

        return Results.Ok();
    }

    private static IResult Download(ArchitectStore store, HttpContext http, string promptId, string language, int version)
    {
        lock (store.Lock)
        {
            if (store.Prompts.TryGetValue(promptId, out var prompt) && prompt.Resources.TryGetValue(language, out var resource))
            {
                store.Advance(prompt);
                if (ArchitectWireMapping.Expired(store, http.Request.Query))
                {
                    return ArchitectErrors.Result(http, 403, "forbidden", "Request has expired (the pre-signed mediaUri's X-Amz-Expires has passed).");
                }

                if (resource.Status == "transcoded" && resource.Version == version && resource.Audio is { } audio)
                {
                    return Results.Bytes(audio, "audio/wav");
                }
            }
        }

        return ArchitectErrors.NotFound(http, "The media");
    }

    private static (string PromptId, string Language)? ReadTarget(string additionalInfo)
    {
        try
        {
            var base64 = additionalInfo.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
            var promptId = json.RootElement.GetProperty("promptId").GetString();
            var language = json.RootElement.GetProperty("language").GetString();
            return promptId is null || language is null ? null : (promptId, language);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Any malformed additionalInfo is the same client error: answered 400 by the caller.
            return null;
        }
    }
}

/// <summary>
/// What the emulated transcoder accepts, strictly: what Genesys is known to accept (reference §5) and nothing it
/// might refuse — a RIFF/WAVE our probe reads without error, 16-bit PCM, A-law or µ-law, mono, 8 or 16 kHz.
/// </summary>
internal static class AcceptableAudio
{
    public static (bool Acceptable, double? DurationSeconds, ArchitectAudioFormat? Format) Judge(byte[] audio, string fileName)
    {
        using var stream = new MemoryStream(audio, writable: false);
        var probe = AudioProbe.Probe(stream, string.IsNullOrEmpty(fileName) ? "upload.wav" : fileName);
        var acceptable = probe.Container == AudioContainer.Wav
            && !probe.Diagnostics.Any(d => d.IsError)
            && probe.Codec is "pcm_s16le" or "alaw" or "mulaw"
            && probe.Channels == 1
            && probe.SampleRate is 8000 or 16000;
        // The transcoded format as the SDK's AudioFormat describes it: what the emulator serves is the upload itself.
        var format = acceptable ? new ArchitectAudioFormat(probe.Channels, probe.BitsPerSample, probe.SampleRate, probe.Codec?.ToUpperInvariant()) : null;
        return (acceptable, probe.DurationSeconds, format);
    }
}
