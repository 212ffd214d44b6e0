using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Support;

namespace DisputeKit.Support.Zendesk;

/// <summary>
/// A Zendesk helpdesk through its incremental ticket export (cursor-based, the cursor saved as the
/// position): each ticket changed since, with its requester, and its public comments — the
/// requester's inbound, the agents' outbound. Internal notes are not contact; a deleted ticket
/// is not read. Zendesk's rate limit is honoured (a 429 waits as its <c>Retry-After</c> says).
/// A third helpdesk is another small class like this one: read changed conversations from a
/// cursor, turn each public message into a <see cref="SupportMessage"/>.
/// </summary>
public sealed class ZendeskSupportSource : ISupportSource
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly ZendeskOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly Regex _orderNumber;
    private readonly Uri _base;

    public ZendeskSupportSource(ZendeskOptions options, HttpClient http, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _http = http;
        _clock = clock;
        _base = new Uri(options.Url.TrimEnd('/') + "/");
        _orderNumber = new Regex(options.OrderNumberPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Name => $"helpdesk {_base.Host}";

    public async IAsyncEnumerable<SupportPage> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var token = Environment.GetEnvironmentVariable(_options.TokenVariable);
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidOperationException($"DisputeKit:Support: the API token of {Name} is read from the environment variable {_options.TokenVariable}, which is not set.");
        }

        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.Email}/token:{token}")));
        var next = position is null
            ? "api/v2/incremental/tickets/cursor.json?start_time=0&include=users"
            : $"api/v2/incremental/tickets/cursor.json?cursor={Uri.EscapeDataString(position)}&include=users";
        while (true)
        {
            var export = await GetAsync<TicketExport>(next, auth, cancellationToken);
            var users = (export.Users ?? []).ToDictionary(u => u.Id);
            var messages = new List<SupportMessage>();
            var notContact = 0;
            foreach (var ticket in export.Tickets ?? [])
            {
                if (ticket.Status == "deleted")
                {
                    notContact++;
                    continue;
                }

                var requester = users.GetValueOrDefault(ticket.RequesterId);
                string? comments = $"api/v2/tickets/{ticket.Id.ToString(CultureInfo.InvariantCulture)}/comments.json?include=users";
                while (comments is not null)
                {
                    var page = await GetAsync<CommentPage>(comments, auth, cancellationToken);
                    foreach (var user in page.Users ?? [])
                    {
                        users.TryAdd(user.Id, user);
                    }

                    foreach (var comment in page.Comments ?? [])
                    {
                        if (!comment.Public)
                        {
                            continue;
                        }

                        messages.Add(Message(ticket, requester, users.GetValueOrDefault(comment.AuthorId), comment));
                    }

                    comments = page.NextPage;
                }
            }

            var cursor = export.AfterCursor ?? position ?? string.Empty;
            yield return new SupportPage(messages, cursor) { NotContact = notContact };
            position = cursor;
            if (export.EndOfStream || export.AfterCursor is null)
            {
                yield break;
            }

            next = $"api/v2/incremental/tickets/cursor.json?cursor={Uri.EscapeDataString(export.AfterCursor)}&include=users";
        }
    }

    private SupportMessage Message(Ticket ticket, User? requester, User? author, Comment comment)
    {
        var inbound = comment.AuthorId == ticket.RequesterId;
        var body = comment.PlainBody ?? comment.Body ?? string.Empty;
        var orders = _orderNumber.Matches($"{ticket.Subject}\n{body}").Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
        var id = $"ticket {ticket.Id.ToString(CultureInfo.InvariantCulture)}, comment {comment.Id.ToString(CultureInfo.InvariantCulture)}";
        return new SupportMessage
        {
            Id = id,
            ThreadId = $"ticket {ticket.Id.ToString(CultureInfo.InvariantCulture)}",
            CustomerId = string.IsNullOrWhiteSpace(requester?.ExternalId) ? null : requester.ExternalId,
            Email = requester?.Email?.Trim().ToLowerInvariant(),
            Channel = "ticket",
            Direction = inbound ? "inbound" : "outbound",
            At = comment.CreatedAt,
            OrderIds = orders.Count == 0 ? null : orders,
            Subject = ticket.Subject,
            Body = MailText.TrimQuoted(body),
            Agent = inbound ? null : author?.Name,
            Source = Name,
            SourceId = id,
            Attachments = comment.Attachments is { Count: > 0 } files ? [.. files.Select(f => f.FileName)] : null,
        };
    }

    /// <summary>One GET, tried again on 429 after the <c>Retry-After</c> Zendesk gives (and on 5xx after a short pause).</summary>
    private async Task<T> GetAsync<T>(string path, AuthenticationHeaderValue auth, CancellationToken cancellationToken)
    {
        var url = path.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? new Uri(path) : new Uri(_base, path);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = auth;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            using var response = await _http.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                    ?? throw new InvalidDataException($"{Name}: {url.AbsolutePath} answered an empty body.");
            }

            var retry = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
            if (!retry || attempt >= _options.Attempts)
            {
                throw new HttpRequestException($"{Name}: {url.AbsolutePath} answered {(int)response.StatusCode} {response.ReasonPhrase} (attempt {attempt} of {_options.Attempts}).", null, response.StatusCode);
            }

            var wait = response.Headers.RetryAfter?.Delta
                ?? (response.Headers.RetryAfter?.Date is { } until ? until - _clock.GetUtcNow() : TimeSpan.FromSeconds(Math.Min(30, attempt * 2)));
            await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, _clock, cancellationToken);
        }
    }

    private sealed record TicketExport(List<Ticket>? Tickets, List<User>? Users, string? AfterCursor, bool EndOfStream);

    private sealed record Ticket(long Id, string? Subject, string? Status, long RequesterId);

    private sealed record User(long Id, string? Email, string? Name, string? ExternalId);

    private sealed record CommentPage(List<Comment>? Comments, List<User>? Users, string? NextPage);

    private sealed record Comment(long Id, long AuthorId, string? Body, string? PlainBody, bool Public, DateTimeOffset CreatedAt, List<Attachment>? Attachments);

    private sealed record Attachment(string FileName);
}
