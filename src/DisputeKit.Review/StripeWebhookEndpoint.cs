using DisputeKit.Core.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace DisputeKit.Review;

/// <summary>
/// <c>POST /stripe/webhook</c>: Stripe's events in. The raw body's signature is checked
/// (<see cref="IStripeWebhookVerifier"/>), the event is kept durably (<see cref="IEventStore"/>)
/// before the answer, and the event worker is woken; the dispute is worked off the request.
/// A bad or stale signature or a body that is not an event: 400, nothing kept. A type DisputeKit
/// does not work: 200, ignored. A redelivery: 200, nothing changes.
/// </summary>
public static partial class StripeWebhookEndpoint
{
    public const string Path = "/stripe/webhook";

    /// <summary>Stripe's events are a few kilobytes; anything far larger is not one.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, IStripeWebhookVerifier verifier, IEventStore events, EventSignal signal, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(StripeWebhookEndpoint));
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var check = verifier.Verify(System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length), context.Request.Headers["Stripe-Signature"].FirstOrDefault());
        if (check.Event is not { } received)
        {
            Log.Refused(logger, check.Problem ?? "unknown");
            return Results.Json(new { error = check.Problem }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!StripeEvent.IsWanted(received.Type))
        {
            return Results.Json(new { received = true, ignored = received.Type });
        }

        var fresh = await events.RecordAsync(received, context.RequestAborted);
        if (fresh)
        {
            signal.Notify();
        }

        Log.Received(logger, received.Id, received.Type, received.ObjectId ?? "-", fresh);
        return Results.Json(new { received = true, duplicate = !fresh });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "Stripe webhook refused: {Problem}")]
        public static partial void Refused(ILogger logger, string problem);

        [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Stripe webhook: event {EventId} ({Type}) for {ObjectId}, new: {Fresh}")]
        public static partial void Received(ILogger logger, string eventId, string type, string objectId, bool fresh);
    }
}
