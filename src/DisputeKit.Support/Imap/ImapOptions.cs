namespace DisputeKit.Support.Imap;

/// <summary>One support mailbox read over IMAP (<c>DisputeKit:Support:Sources:N</c> with <c>Kind</c> <c>imap</c>).</summary>
public sealed class ImapOptions
{
    /// <summary>The support address: mail from it is support's, mail to it the customer's.</summary>
    public string Address { get; set; } = string.Empty;

    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 993;

    /// <summary><c>ssl</c> (TLS from the start, port 993), <c>starttls</c>, or <c>none</c> (only for a server on this machine).</summary>
    public string Security { get; set; } = "ssl";

    /// <summary>
    /// A PEM file with the server's own certificate (or the authority that signed it), for a mail
    /// server whose certificate no public authority vouches for: it is trusted in addition to the
    /// system's, never instead of checking.
    /// </summary>
    public string? TrustedCertificate { get; set; }

    /// <summary>The login; the support address when not set.</summary>
    public string? User { get; set; }

    /// <summary>The environment variable that holds the password; it is never read from a file.</summary>
    public string PasswordVariable { get; set; } = "DISPUTEKIT_IMAP_PASSWORD";

    /// <summary>Where customers' mail arrives.</summary>
    public string Inbox { get; set; } = "INBOX";

    /// <summary>Where support's replies are kept; the folder the server marks <c>\Sent</c> when not set.</summary>
    public string? Sent { get; set; }

    /// <summary>The seller's order numbers, as customers write them in a subject or a message.</summary>
    public string OrderNumberPattern { get; set; } = @"\bVL-[0-9]+\b";

    /// <summary>Messages per page: each page is saved before the next is read.</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>Seconds to wait for the server on each call.</summary>
    public double TimeoutSeconds { get; set; } = 60;
}
