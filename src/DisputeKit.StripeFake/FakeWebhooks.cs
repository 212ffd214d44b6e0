using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace DisputeKit.StripeFake;

/// <summary>One attempt to deliver an event: which, when, and what the endpoint answered (0: no answer).</summary>
public sealed record FakeWebhookDelivery(string EventId, int Attempt, int Status, DateTimeOffset At);

/// <summary>
/// Delivers the fake's events to a webhook endpoint as Stripe does: the event JSON as the body,
/// signed in <c>Stripe-Signature: t=…,v1=…</c> (HMAC-SHA256 of <c>"{t}.{body}"</c> with the
/// endpoint's secret, signed anew for each attempt), each event on its own, and tried again with
/// growing waits while the endpoint answers anything but 2xx or does not answer. Stripe keeps
/// trying for three days; the fake for <see cref="FakeStripeOptions.WebhookAttempts"/> attempts.
/// </summary>
internal sealed class FakeWebhooks : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Channel<(string Id, string Payload)> _queue = Channel.CreateUnbounded<(string, string)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<FakeWebhookDelivery> _deliveries = [];
    private readonly List<Task> _inFlight = [];
    private readonly Lock _gate = new();
    private readonly FakeStripeOptions _options;
    private readonly Task _loop;

    public FakeWebhooks(FakeStripeOptions options)
    {
        _options = options;
        _loop = Task.Run(DeliverAllAsync);
    }

    public IReadOnlyList<FakeWebhookDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    public void Enqueue(string eventId, string payload) => _queue.Writer.TryWrite((eventId, payload));

    /// <summary>The <c>Stripe-Signature</c> header Stripe sends for <paramref name="payload"/> signed at <paramref name="timestamp"/> with <paramref name="secret"/>.</summary>
    public static string Signature(string payload, string secret, DateTimeOffset timestamp)
    {
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    private async Task DeliverAllAsync()
    {
        try
        {
            await foreach (var (id, payload) in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                lock (_gate)
                {
                    _inFlight.RemoveAll(t => t.IsCompleted);
                    _inFlight.Add(Task.Run(() => DeliverAsync(id, payload)));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped with the fake.
        }
    }

    private async Task DeliverAsync(string id, string payload)
    {
        for (var attempt = 1; attempt <= _options.WebhookAttempts && !_stop.IsCancellationRequested; attempt++)
        {
            var status = 0;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _options.WebhookUrl) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
                request.Headers.Add("Stripe-Signature", Signature(payload, _options.WebhookSecret!, _options.Clock.GetUtcNow()));
                using var response = await _http.SendAsync(request, _stop.Token);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
            {
                // No answer: tried again, as Stripe does.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_gate)
            {
                _deliveries.Add(new FakeWebhookDelivery(id, attempt, status, TimeProvider.System.GetUtcNow()));
            }

            if (status is >= 200 and < 300)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, attempt - 1), 5_000)), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _queue.Writer.TryComplete();
        Task[] inFlight;
        lock (_gate)
        {
            inFlight = [.. _inFlight];
        }

        await Task.WhenAll([_loop, .. inFlight]).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _http.Dispose();
        _stop.Dispose();
    }
}
