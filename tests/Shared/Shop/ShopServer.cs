using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DisputeKit.Testing;

/// <summary>
/// A shop on 127.0.0.1 that records every call (headers and body) and answers from a script:
/// each call takes the next status (and delay) from the queue, then 200.
/// </summary>
public sealed class ShopServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ShopServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<(int Status, TimeSpan Delay)> Script { get; } = new();

    public ConcurrentQueue<Received> Calls { get; } = new();

    public sealed record Received(string Path, string IdempotencyKey, string Signature, byte[] Body)
    {
        /// <summary>Checks the signature header as a shop would: the hex HMAC-SHA256 of "t.body" under the shared secret.</summary>
        public bool VerifiesWith(string secret)
        {
            var parts = Signature.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1))
            {
                return false;
            }

            var signed = System.Text.Encoding.UTF8.GetBytes(t + ".").Concat(Body).ToArray();
            var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), signed));
            return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(v1));
        }
    }

    public static async Task<ShopServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        ShopServer? server = null;
        app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            server!.Calls.Enqueue(new Received(http.Request.Path, http.Request.Headers["Idempotency-Key"].ToString(),
                http.Request.Headers["DisputeKit-Signature"].ToString(), body.ToArray()));
            var (status, delay) = server.Script.TryDequeue(out var next) ? next : (200, TimeSpan.Zero);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, http.RequestAborted);
            }

            return Results.Text($"{{\"status\":\"{(status < 300 ? "done" : "failed")}\"}}", "application/json", statusCode: status);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        server = new ShopServer(app, address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
