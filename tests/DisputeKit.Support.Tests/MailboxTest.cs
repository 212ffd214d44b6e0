using DisputeKit.Support.Imap;
using DisputeKit.Testing;

namespace DisputeKit.Support.Tests;

/// <summary>A throwaway Dovecot per test, and the mailbox source's settings for it (the password in a variable of this test's own).</summary>
public abstract class MailboxTest(bool tls) : IAsyncLifetime
{
    private readonly string _passwordVariable = "DK_TEST_IMAP_" + Guid.NewGuid().ToString("N");

    protected Dovecot Server { get; } = new() { Tls = tls };

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await Server.InitializeAsync();
        Environment.SetEnvironmentVariable(_passwordVariable, Dovecot.Password);
    }

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, null);
        await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected ImapOptions Options(Action<ImapOptions>? change = null)
    {
        var options = Server.Options(_passwordVariable);
        change?.Invoke(options);
        return options;
    }
}
