using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Shouldly;

namespace DisputeKit.Cli.Tests.Review;

/// <summary>Signing in to the review page as a browser does: the form first (its anti-forgery token and cookie), then the post.</summary>
internal static partial class SignInForm
{
    [GeneratedRegex("name=\"signin_token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>
    /// A client of <paramref name="baseUrl"/> keeping its cookies, not following redirects, and
    /// connecting from the loopback address <paramref name="from"/> (any of 127.0.0.0/8), so that
    /// tests can be different client addresses on one machine.
    /// </summary>
    public static HttpClient Client(Uri baseUrl, out CookieContainer cookies, string from = "127.0.0.1")
    {
        cookies = new CookieContainer();
        var source = IPAddress.Parse(from);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies,
            UseCookies = true,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseUrl };
    }

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    /// <summary>The sign-in form's anti-forgery token, from <c>GET /signin</c> (which also sets its cookie on the client).</summary>
    public static async Task<string> TokenAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var page = await client.GetAsync("/signin", cancellationToken);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = TokenField().Match(await page.Content.ReadAsStringAsync(cancellationToken)).Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        return token;
    }

    /// <summary>The session cookie this answer sets (its whole <c>Set-Cookie</c> line), or null.</summary>
    public static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith("dk_review=", StringComparison.Ordinal))
            : null;

    /// <summary>Posts the sign-in form with these fields and the form's token, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, CancellationToken cancellationToken, params (string Key, string Value)[] fields)
    {
        var token = await TokenAsync(client, cancellationToken);
        return await client.PostAsync("/signin", Form([.. fields, ("signin_token", token)]), cancellationToken);
    }
}
