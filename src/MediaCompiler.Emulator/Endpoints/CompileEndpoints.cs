using System.Text.Json;
using MediaCompiler.Emulator.Auth;
using MediaCompiler.Emulator.Configuration;
using MediaCompiler.Emulator.RateLimiting;
using MediaCompiler.Emulator.Errors;
using MediaCompiler.Emulator.Faults;
using MediaCompiler.Emulator.RequestCounting;
using MediaCompiler.Emulator.Webhooks;
using MediaCompiler.Diagnostics;
using MediaCompiler.Engine;
using MediaCompiler.Engine.Outputs;
using MediaCompiler.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace MediaCompiler.Emulator.Endpoints;

/// <summary>Submit compile jobs, read their status, download their outputs.</summary>
internal static class CompileEndpoints
{
    public static void MapCompileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(MediaApiRoutes.Compile, SubmitAsync).WithMetadata(ApiRoute.Marker)
            .RequireScopes(MediaScopes.MediaCompile, MediaScopes.FlowRead);
        app.MapGet(MediaApiRoutes.Compilation, GetJobAsync).WithMetadata(ApiRoute.Marker).RequireScopes(MediaScopes.MediaRead);
        app.MapGet(MediaApiRoutes.CompilationOutput, Download).WithMetadata(ApiRoute.Marker).RequireScopes(MediaScopes.MediaRead);
        app.MapPost(MediaApiRoutes.CompilationOutputs, OutputArchiveEndpoint.WriteAsync).WithMetadata(ApiRoute.Marker).RequireScopes(MediaScopes.MediaRead);
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, MediaEngine engine, WebhookDispatcher webhooks, JobFaultOverlay jobFaults,
        EmulatorSettings settings, ClientJobQueues queues)
    {
        CompileRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<CompileRequest>(http.Request.Body, MediaApiJson.Options, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? null : ex.Path.TrimStart('$', '.');
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest,
                $"The body is not a valid compile request: {ex.Message}",
                new ApiErrorDetail(field, ApiErrorCodes.BadRequest, "Malformed JSON or a value of the wrong type."));
        }

        if (request is null)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, "The body must be a compile request JSON object, not null.");
        }

        if (request.WebhookUrl is { } webhookUrl
            && WebhookTargetPolicy.Refusal(webhookUrl, settings.Webhooks, webhooks.OwnAddresses) is { } refusal)
        {
            var diagnostic = Diagnostic.Create(DiagnosticCatalog.EngineWebhookRefused, null, webhookUrl, refusal);
            return ApiErrors.Result(StatusCodes.Status400BadRequest, diagnostic.Code, diagnostic.Message,
                new ApiErrorDetail("webhookUrl", diagnostic.Code, diagnostic.Message));
        }

        var client = http.Client().ClientId;
        if (queues.Refusal(client, id => engine.GetJob(id) is { } job ? jobFaults.Apply(job).Status : null) is { } full)
        {
            http.Response.Headers.RetryAfter = ClientJobQueues.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiErrors.Result(StatusCodes.Status429TooManyRequests, full.Code, full.Message);
        }

        var outcome = engine.SubmitCompilation(request);
        if (outcome.Accepted is { } accepted)
        {
            queues.Record(client, accepted.Id);
            // Decided before the submitter is recorded: the webhook dispatcher waits for that, so it sees the fault.
            jobFaults.DecideFor(accepted.Id);
            webhooks.RecordSubmitter(accepted.Id, http.Client(), hasWebhook: !string.IsNullOrWhiteSpace(request.WebhookUrl));
            http.Response.Headers.Location = accepted.SelfUri;
            return Results.Json(accepted, MediaApiJson.Options, statusCode: StatusCodes.Status202Accepted);
        }

        if (outcome.Rejection?.Reason == RejectionReason.Busy)
        {
            http.Response.Headers.RetryAfter = "5";
        }

        return ApiErrors.Result(EngineRejections.ToApiError(outcome.Rejection));
    }

    /// <summary>The job's status; with <c>Prefer: wait=N</c>, held until the job ends or N seconds pass (see <see cref="PreferWait"/>).</summary>
    private static async Task<IResult> GetJobAsync(string id, HttpContext http, MediaEngine engine, JobFaultOverlay jobFaults, EmulatorSettings settings)
    {
        var seconds = PreferWait.Parse(http.Request.Headers[PreferWait.HeaderName]);
        var wait = TimeSpan.FromSeconds(seconds ?? 0);
        var started = settings.TimeProvider.GetTimestamp();
        if (await engine.GetJobAsync(id, wait, http.RequestAborted) is not { } job)
        {
            return ApiErrors.Result(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, $"No compile job has id '{id}'.");
        }
        var shown = jobFaults.Apply(job);
        if (seconds is { } applied)
        {
            // A job a fault keeps RUNNING holds the answer the whole wait, as a job that really never ended would.
            var rest = wait - settings.TimeProvider.GetElapsedTime(started);
            if (!CompileJobStates.IsFinal(shown.Status) && rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, settings.TimeProvider, http.RequestAborted);
            }
            http.Response.Headers[PreferWait.AppliedHeaderName] = PreferWait.Header(applied);
        }
        return Results.Json(shown, MediaApiJson.Options);
    }

    private static IResult Download(string id, string nodeId, HttpContext http, MediaEngine engine, JobFaultOverlay jobFaults)
    {
        if (jobFaults.HidesOutputsOf(id))
        {
            return ApiErrors.Result(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, $"Compile job '{id}' has no output for node '{nodeId}'.");
        }

        // The engine addresses outputs by the downloadUri it handed out; ask with the path as sent (escapes intact)
        // and, failing that, as decoded.
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var rawPath = rawTarget.Split('?', 2)[0];
        var read = engine.ReadOutput(rawPath);
        if (read is OutputRead.NotFound)
        {
            read = engine.ReadOutput(http.Request.Path.Value ?? "");
        }

        return read switch
        {
            OutputRead.Found found => Results.Bytes(found.Bytes, "audio/wav"),
            // Never a 200 with bytes that are not what was compiled: 410 says "gone, compile again".
            OutputRead.Damaged damaged => ApiErrors.Result(StatusCodes.Status410Gone, damaged.Diagnostic.Code, damaged.Diagnostic.Message),
            _ => ApiErrors.Result(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, $"Compile job '{id}' has no output for node '{nodeId}'."),
        };
    }
}
