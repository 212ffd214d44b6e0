using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using DisputeKit.Support.Imap;
using MimeKit;

namespace DisputeKit.Testing;

/// <summary>
/// A real IMAP server for the mailbox tests: Debian's Dovecot (<c>dovecot-imapd</c>), started
/// in the foreground with its own configuration under a temporary folder, listening on
/// 127.0.0.1 only, with one throwaway mailbox. Stopped and removed when disposed.
/// </summary>
public sealed class Dovecot : IAsyncDisposable
{
    public const string Address = "support@shop.example";
    public const string Password = "a throwaway mailbox password";

    private readonly TempFolder _work = new("dovecot");
    private Process? _server;

    public int Port { get; private set; }

    /// <summary>With TLS: STARTTLS required, under a certificate made for 127.0.0.1 that no authority signed (<see cref="Certificate"/>).</summary>
    public bool Tls { get; init; }

    /// <summary>The server's certificate as PEM, when <see cref="Tls"/>.</summary>
    public string Certificate => _work.Sub("server.crt");

    public string Log => Path.Combine(_work.Path, "dovecot.log");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists("/usr/sbin/dovecot"))
        {
            throw new InvalidOperationException("The mailbox tests need Dovecot: apt-get install -y dovecot-imapd");
        }

        Port = FreePort();
        foreach (var folder in new[] { "run", "state", "mail", "home" })
        {
            Directory.CreateDirectory(_work.Sub(folder));
        }

        await File.WriteAllTextAsync(_work.Sub("users"), $"{Address}:{{PLAIN}}{Password}::::::\n");
        // Dovecot never opens mail as root: as root, the mail belongs to its own system user.
        var root = Environment.UserName == "root";
        var mailUser = root ? "dovecot" : Environment.UserName;
        if (root)
        {
            foreach (var folder in new[] { "mail", "home" })
            {
                using var chown = Process.Start("chown", ["-R", "dovecot:dovecot", _work.Sub(folder)]);
                await chown.WaitForExitAsync();
            }
        }

        var ssl = "ssl = no";
        if (Tls)
        {
            using var key = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, true));
            using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(7));
            await File.WriteAllTextAsync(Certificate, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(_work.Sub("server.key"), key.ExportPkcs8PrivateKeyPem());
            ssl = $"ssl = required\nssl_cert = <{Certificate}\nssl_key = <{_work.Sub("server.key")}";
        }

        var config = $$"""
            base_dir = {{_work.Sub("run")}}
            state_dir = {{_work.Sub("state")}}
            log_path = {{Log}}
            protocols = imap
            listen = 127.0.0.1
            {{ssl}}
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{_work.Sub("mail")}}/%u
            mail_uid = {{mailUser}}
            mail_gid = {{mailUser}}
            first_valid_uid = 0
            first_valid_gid = 0
            {{(root ? string.Empty : $"default_internal_user = {mailUser}\ndefault_login_user = {mailUser}\ndefault_internal_group = {mailUser}")}}
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{_work.Sub("users")}}
            }
            userdb {
              driver = static
              args = home={{_work.Sub("home")}}/%u
            }
            namespace inbox {
              inbox = yes
              mailbox Sent {
                special_use = \Sent
                auto = subscribe
              }
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            """;
        var path = _work.Sub("dovecot.conf");
        await File.WriteAllTextAsync(path, config);
        _server = Process.Start(new ProcessStartInfo("/usr/sbin/dovecot", ["-F", "-c", path]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (started.Elapsed < TimeSpan.FromSeconds(20) && !_server.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                var log = File.Exists(Log) ? await File.ReadAllTextAsync(Log) : await _server.StandardError.ReadToEndAsync();
                throw new InvalidOperationException($"Dovecot did not start on 127.0.0.1:{Port}: {log}");
            }
        }
    }

    public ImapOptions Options(string passwordVariable) => new()
    {
        Address = Address,
        Host = "127.0.0.1",
        Port = Port,
        Security = Tls ? "starttls" : "none",
        PasswordVariable = passwordVariable,
        TrustedCertificate = Tls ? Certificate : null,
    };

    /// <summary>A client signed in to the mailbox, to put messages in it as mail would arrive.</summary>
    public async Task<ImapClient> ClientAsync(CancellationToken cancellationToken)
    {
        var client = new ImapClient();
        if (Tls)
        {
            // The certificate this fixture made, and no other.
            var made = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            made.ImportFromPemFile(Certificate);
            var thumbprint = made[0].Thumbprint;
            client.ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint;
        }

        await client.ConnectAsync("127.0.0.1", Port, Tls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        await client.AuthenticateAsync(Address, Password, cancellationToken);
        return client;
    }

    /// <summary>Delivers <paramref name="messages"/> (raw RFC 5322 text) to <paramref name="folder"/>.</summary>
    public async Task DeliverAsync(string folder, CancellationToken cancellationToken, params string[] messages)
    {
        using var client = await ClientAsync(cancellationToken);
        var target = await client.GetFolderAsync(folder, cancellationToken);
        foreach (var raw in messages)
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")));
            await target.AppendAsync(new AppendRequest(await MimeMessage.LoadAsync(stream, cancellationToken)), cancellationToken);
        }

        await client.DisconnectAsync(true, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        _work.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
