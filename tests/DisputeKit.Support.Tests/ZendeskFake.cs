using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DisputeKit.Support.Tests;

/// <summary>
/// A local fake of the slice of Zendesk's API the helpdesk source reads, on 127.0.0.1: the
/// cursor-based incremental ticket export (two tickets a page, users sideloaded) and each
/// ticket's comments (two a page). It checks the API token, counts requests, and answers 429
/// with <c>Retry-After</c> when told to.
/// </summary>
public sealed class ZendeskFake : IAsyncDisposable
{
    public const string Agent = "agent@shop.example";
    public const string Token = "zendesk-test-token";

    private readonly List<(long Ticket, JsonObject Body)> _changes = [];
    private readonly Dictionary<long, List<JsonObject>> _comments = [];
    private readonly Dictionary<long, JsonObject> _users = [];
    private WebApplication? _app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Requests answered 429 before the next one is served.</summary>
    public int TooManyRequests { get; set; }

    public List<string> Requests { get; } = [];

    public static async Task<ZendeskFake> StartAsync()
    {
        var fake = new ZendeskFake();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            lock (fake.Requests)
            {
                fake.Requests.Add(context.Request.Path + context.Request.QueryString);
            }

            var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Agent}/token:{Token}"));
            if (context.Request.Headers.Authorization != expected)
            {
                context.Response.StatusCode = 401;
                return;
            }

            if (fake.TooManyRequests > 0)
            {
                fake.TooManyRequests--;
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            await next();
        });
        app.MapGet("/api/v2/incremental/tickets/cursor.json", (HttpRequest request) =>
        {
            var from = request.Query["cursor"] is { Count: > 0 } cursor ? int.Parse(cursor[0]!, CultureInfo.InvariantCulture) : 0;
            List<(long Ticket, JsonObject Body)> page;
            int total;
            lock (fake._changes)
            {
                page = [.. fake._changes.Skip(from).Take(2)];
                total = fake._changes.Count;
            }

            var after = from + page.Count;
            var requesters = page.Select(p => p.Body["requester_id"]!.GetValue<long>()).Distinct().Select(id => fake._users[id].DeepClone());
            return Results.Json(new JsonObject
            {
                ["tickets"] = new JsonArray([.. page.Select(p => p.Body.DeepClone())]),
                ["users"] = new JsonArray([.. requesters]),
                ["after_cursor"] = after.ToString(CultureInfo.InvariantCulture),
                ["end_of_stream"] = after >= total,
            });
        });
        app.MapGet("/api/v2/tickets/{id:long}/comments.json", (long id, HttpRequest request) =>
        {
            var from = request.Query["page"] is { Count: > 0 } p ? int.Parse(p[0]!, CultureInfo.InvariantCulture) : 0;
            var all = fake._comments.GetValueOrDefault(id) ?? [];
            var next = from + 2 < all.Count ? new Uri(fake.Url, $"/api/v2/tickets/{id}/comments.json?include=users&page={from + 2}").ToString() : null;
            var shown = all.Skip(from).Take(2).ToList();
            var authors = request.Query["include"] == "users"
                ? shown.Select(c => c["author_id"]!.GetValue<long>()).Distinct().Select(a => fake._users[a].DeepClone())
                : [];
            return Results.Json(new JsonObject
            {
                ["comments"] = new JsonArray([.. shown.Select(c => c.DeepClone())]),
                ["users"] = new JsonArray([.. authors]),
                ["next_page"] = next,
            });
        });
        await app.StartAsync();
        fake._app = app;
        fake.Url = new Uri(app.Urls.First());
        return fake;
    }

    public void User(long id, string email, string name, string? externalId = null) =>
        _users[id] = new JsonObject { ["id"] = id, ["email"] = email, ["name"] = name, ["external_id"] = externalId };

    /// <summary>A ticket created or changed: it comes (again) at the end of the export.</summary>
    public void Ticket(long id, long requester, string subject, string status = "open")
    {
        lock (_changes)
        {
            _changes.Add((id, new JsonObject { ["id"] = id, ["subject"] = subject, ["status"] = status, ["requester_id"] = requester }));
        }
    }

    public void Comment(long ticket, long id, long author, string body, DateTimeOffset at, bool isPublic = true, string? attachment = null)
    {
        if (!_comments.TryGetValue(ticket, out var comments))
        {
            _comments[ticket] = comments = [];
        }

        comments.Add(new JsonObject
        {
            ["id"] = id, ["type"] = "Comment", ["author_id"] = author, ["body"] = body, ["plain_body"] = body, ["public"] = isPublic,
            ["created_at"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["attachments"] = attachment is null ? new JsonArray() : new JsonArray(new JsonObject { ["file_name"] = attachment }),
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
