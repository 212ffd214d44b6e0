using DisputeKit.Support.Imap;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Support.Tests;

/// <summary>The mailbox over TLS as configured: Dovecot requiring STARTTLS under a certificate no authority signed.</summary>
public sealed class ImapTlsTests() : MailboxTest(tls: true)
{
    private static async Task<int> CountAsync(ImapOptions options)
    {
        var read = 0;
        await foreach (var page in new ImapSupportSource(options).ReadAsync(null, Ct))
        {
            read += page.Messages.Count;
        }

        return read;
    }

    [Fact]
    public async Task Read_StartTls_TheServersOwnCertificateTrusted_Reads()
    {
        await Server.DeliverAsync("INBOX", Ct, "From: jane@mail.example\nTo: support@shop.example\nSubject: Hi\nDate: Mon, 02 Nov 2026 10:15:00 +0100\nMessage-Id: <tls1@mail.example>\n\nOver TLS.\n");

        (await CountAsync(Options())).ShouldBe(1);
    }

    [Fact]
    public async Task Read_StartTls_ACertificateNobodyTrusts_Refused()
    {
        var options = Options();
        options.TrustedCertificate = null;

        await Should.ThrowAsync<MailKit.Security.SslHandshakeException>(async () => await CountAsync(options));
    }

    [Fact]
    public async Task Read_TheTrustedCertificateButAnotherName_Refused()
    {
        var options = Options();
        options.Host = "localhost";

        await Should.ThrowAsync<MailKit.Security.SslHandshakeException>(async () => await CountAsync(options));
    }
}
