using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Support;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace DisputeKit.Support.Imap;

/// <summary>
/// The support mailbox over IMAP (MailKit): the inbox and the sent folder, each read from the
/// UID after the last one saved. A folder whose UIDVALIDITY changed is read again from its
/// start (its UIDs mean other messages now). Auto-replies and bounces are not contact and are
/// left out; a message that cannot be read is named and skipped; the rest become support
/// messages: inbound or outbound by folder and sender, the customer's address, the order
/// numbers written in them, the thread they belong to, their text and the names of their
/// attachments.
/// </summary>
public sealed partial class ImapSupportSource : ISupportSource
{
    private readonly ImapOptions _options;
    private readonly Regex _orderNumber;

    public ImapSupportSource(ImapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _orderNumber = new Regex(options.OrderNumberPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Name => $"mailbox {_options.Address}";

    public async IAsyncEnumerable<SupportPage> ReadAsync(string? position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var saved = Positions.Parse(position);
        using var client = new ImapClient { Timeout = (int)TimeSpan.FromSeconds(_options.TimeoutSeconds).TotalMilliseconds };
        await ConnectAsync(client, cancellationToken);
        var folders = new List<(IMailFolder Folder, bool Sent)>
        {
            (await client.GetFolderAsync(_options.Inbox, cancellationToken), false),
            (await SentFolderAsync(client, cancellationToken), true),
        };

        var current = new Dictionary<string, Positions.Mark>(saved, StringComparer.Ordinal);
        foreach (var (folder, sent) in folders)
        {
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            var validity = folder.UidValidity;
            var restarted = current.TryGetValue(folder.FullName, out var mark) && mark.Validity != validity;
            var after = mark is not null && !restarted ? mark.Uid : 0u;
            // "n:*" also answers the highest UID when it is below n: only UIDs after the mark count.
            var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId(validity, after + 1), UniqueId.MaxValue)), cancellationToken))
                .Where(u => u.Id > after).OrderBy(u => u.Id).ToList();
            if (uids.Count == 0)
            {
                if (restarted || mark is null)
                {
                    current[folder.FullName] = new Positions.Mark(validity, after);
                    yield return new SupportPage([], Positions.Write(current)) { Restarted = restarted };
                }

                await folder.CloseAsync(false, cancellationToken);
                continue;
            }

            foreach (var chunk in uids.Chunk(Math.Max(1, _options.PageSize)))
            {
                var messages = new List<SupportMessage>(chunk.Length);
                var skipped = new List<string>();
                var notContact = 0;
                foreach (var uid in chunk)
                {
                    var where = $"{folder.FullName} UID {uid.Id}";
                    MimeMessage mail;
                    try
                    {
                        mail = await folder.GetMessageAsync(uid, cancellationToken);
                    }
                    catch (Exception e) when (e is ParseException or FormatException)
                    {
                        skipped.Add($"{where}: not a readable message ({e.Message})");
                        continue;
                    }

                    switch (Read(mail, folder.FullName, validity, uid, sent))
                    {
                        case Reading.Message message:
                            messages.Add(message.Value);
                            break;
                        case Reading.NotContact:
                            notContact++;
                            break;
                        case Reading.Unreadable unreadable:
                            skipped.Add($"{where}: {unreadable.Why}");
                            break;
                    }
                }

                current[folder.FullName] = new Positions.Mark(validity, chunk[^1].Id);
                yield return new SupportPage(messages, Positions.Write(current)) { Skipped = skipped, NotContact = notContact, Restarted = restarted };
                restarted = false;
            }

            await folder.CloseAsync(false, cancellationToken);
        }

        await client.DisconnectAsync(true, cancellationToken);
    }

    private async Task ConnectAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var security = _options.Security.ToLowerInvariant() switch
        {
            "ssl" => SecureSocketOptions.SslOnConnect,
            "starttls" => SecureSocketOptions.StartTls,
            "none" => SecureSocketOptions.None,
            var other => throw new InvalidOperationException($"DisputeKit:Support: the mailbox {_options.Address} has Security '{other}'; use ssl, starttls or none."),
        };
        var password = Environment.GetEnvironmentVariable(_options.PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException($"DisputeKit:Support: the password of the mailbox {_options.Address} is read from the environment variable {_options.PasswordVariable}, which is not set.");
        }

        if (_options.TrustedCertificate is { } trusted)
        {
            var pinned = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            pinned.ImportFromPemFile(trusted);
            if (pinned.Count == 0)
            {
                throw new InvalidOperationException($"DisputeKit:Support: the mailbox {_options.Address} names TrustedCertificate {trusted}, which holds no PEM certificate.");
            }

            client.ServerCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (errors == System.Net.Security.SslPolicyErrors.None)
                {
                    return true;
                }

                // Only a chain that fails for want of a trusted root may be saved by the certificate given; a wrong name never is.
                if (certificate is null || chain is null || errors != System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors)
                {
                    return false;
                }

                using var custom = new System.Security.Cryptography.X509Certificates.X509Chain();
                custom.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                custom.ChainPolicy.CustomTrustStore.AddRange(pinned);
                custom.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                return custom.Build(new System.Security.Cryptography.X509Certificates.X509Certificate2(certificate));
            };
        }

        await client.ConnectAsync(_options.Host, _options.Port, security, cancellationToken);
        await client.AuthenticateAsync(_options.User ?? _options.Address, password, cancellationToken);
    }

    private async Task<IMailFolder> SentFolderAsync(ImapClient client, CancellationToken cancellationToken)
    {
        if (_options.Sent is { } named)
        {
            return await client.GetFolderAsync(named, cancellationToken);
        }

        if ((client.Capabilities & (ImapCapabilities.SpecialUse | ImapCapabilities.XList)) != 0 && client.GetFolder(SpecialFolder.Sent) is { } special)
        {
            return special;
        }

        throw new InvalidOperationException($"DisputeKit:Support: the mailbox {_options.Address} marks no folder as \\Sent; name it in Sent.");
    }

    private abstract record Reading
    {
        public sealed record Message(SupportMessage Value) : Reading;

        public sealed record NotContact : Reading;

        public sealed record Unreadable(string Why) : Reading;
    }

    private Reading Read(MimeMessage mail, string folder, uint validity, UniqueId uid, bool sentFolder)
    {
        var from = mail.From.Mailboxes.FirstOrDefault();
        if (from is null || string.IsNullOrWhiteSpace(from.Address))
        {
            return new Reading.Unreadable("no sender address");
        }

        if (IsAutomatic(mail, from))
        {
            return new Reading.NotContact();
        }

        var fromSupport = string.Equals(from.Address, _options.Address, StringComparison.OrdinalIgnoreCase);
        var outbound = sentFolder || fromSupport;
        var customer = outbound
            ? mail.To.Mailboxes.Concat(mail.Cc.Mailboxes).FirstOrDefault(m => !string.Equals(m.Address, _options.Address, StringComparison.OrdinalIgnoreCase))
            : from;
        var body = mail.TextBody is { } text ? MailText.TrimQuoted(text)
            : mail.HtmlBody is { } html ? MailText.TrimQuoted(MailText.FromHtml(html))
            : string.Empty;
        var subject = mail.Subject;
        var id = string.IsNullOrWhiteSpace(mail.MessageId) ? $"{folder}:{validity.ToString(CultureInfo.InvariantCulture)}:{uid.Id.ToString(CultureInfo.InvariantCulture)}" : mail.MessageId;
        // The thread is its first message: the oldest reference, else the one replied to, else this one.
        var thread = mail.References.FirstOrDefault() ?? mail.InReplyTo ?? id;
        var orders = _orderNumber.Matches($"{subject}\n{body}").Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
        return new Reading.Message(new SupportMessage
        {
            Id = id,
            ThreadId = thread,
            Email = customer?.Address?.Trim().ToLowerInvariant(),
            Channel = "email",
            Direction = outbound ? "outbound" : "inbound",
            At = mail.Date == DateTimeOffset.MinValue ? DateTimeOffset.UnixEpoch : mail.Date.ToUniversalTime(),
            OrderIds = orders.Count == 0 ? null : orders,
            Subject = subject,
            Body = body,
            Agent = outbound ? (string.IsNullOrWhiteSpace(from.Name) ? from.Address : from.Name) : null,
            Source = Name,
            SourceId = id,
            Attachments = mail.Attachments.Select(a => a.ContentDisposition?.FileName ?? a.ContentType.Name).OfType<string>().ToList() is { Count: > 0 } names ? names : null,
        });
    }

    /// <summary>Written by a machine, not a person: auto-replies (RFC 3834 and the common vacation headers) and bounces.</summary>
    private static bool IsAutomatic(MimeMessage mail, MailboxAddress from)
    {
        var auto = mail.Headers["Auto-Submitted"];
        if (!string.IsNullOrWhiteSpace(auto) && !auto.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (mail.Headers.Contains("X-Autoreply") || mail.Headers.Contains("X-Autorespond") || mail.Headers.Contains("X-Auto-Response-Suppress") && mail.Subject?.StartsWith("Automatic reply", StringComparison.OrdinalIgnoreCase) == true)
        {
            return true;
        }

        var local = from.LocalPart;
        return local.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase) || local.Equals("postmaster", StringComparison.OrdinalIgnoreCase)
            || mail.Body is MultipartReport;
    }

    /// <summary>Where each folder was read to: its UIDVALIDITY and the last UID read, as a small JSON object.</summary>
    private static class Positions
    {
        public sealed record Mark(uint Validity, uint Uid);

        public static Dictionary<string, Mark> Parse(string? position)
        {
            if (string.IsNullOrWhiteSpace(position))
            {
                return new(StringComparer.Ordinal);
            }

            try
            {
                return JsonSerializer.Deserialize<Dictionary<string, Mark>>(position) is { } marks
                    ? new(marks, StringComparer.Ordinal)
                    : new(StringComparer.Ordinal);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"The saved position of the mailbox is not one this source wrote ({e.Message}); clear it to read the mailbox from the start.", e);
            }
        }

        public static string Write(Dictionary<string, Mark> marks) => JsonSerializer.Serialize(marks);
    }
}
