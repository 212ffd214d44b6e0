using DisputeKit.Core.Merchant;
using DisputeKit.Core.Support;
using DisputeKit.Support.Imap;
using DisputeKit.Testing;
using MailKit;
using Shouldly;

namespace DisputeKit.Support.Tests;

/// <summary>The support mailbox read from a real Dovecot on 127.0.0.1, one throwaway mailbox per test.</summary>
public sealed class ImapSupportSourceTests() : MailboxTest(tls: false)
{
    private ImapSupportSource Source(Action<ImapOptions>? change = null) => new(Options(change));

    private static async Task<(List<SupportPage> Pages, List<SupportMessage> Messages)> ReadAsync(ImapSupportSource source, string? position)
    {
        var pages = new List<SupportPage>();
        await foreach (var page in source.ReadAsync(position, Ct))
        {
            pages.Add(page);
        }

        return (pages, [.. pages.SelectMany(p => p.Messages)]);
    }

    private static string Mail(string from, string to, string subject, string body, string id, string date = "Mon, 02 Nov 2026 10:15:00 +0100", string extra = "") => $"""
        From: {from}
        To: {to}
        Subject: {subject}
        Date: {date}
        Message-Id: <{id}>
        {extra}MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        {body}
        """;

    [Fact]
    public async Task Read_InboxAndSent_DirectionAddressOrderNumbersThread_AndTheSavedPosition()
    {
        await Server.DeliverAsync("INBOX", Ct,
            Mail("Jane Doe <Jane.Doe@Mail.Example>", Dovecot.Address, "Order VL-200153 not delivered", "Hello, my followers never came.", "q1@mail.example"));
        await Server.DeliverAsync("Sent", Ct,
            Mail($"Sam from Support <{Dovecot.Address}>", "jane.doe@mail.example", "Re: Order VL-200153 not delivered", "They are on their way: the campaign started today.", "a1@shop.example",
                "Mon, 02 Nov 2026 11:00:00 +0100", "In-Reply-To: <q1@mail.example>\nReferences: <q1@mail.example>\n"));

        var (pages, messages) = await ReadAsync(Source(), null);

        messages.Count.ShouldBe(2);
        var question = messages.Single(m => m.SourceId == "q1@mail.example");
        question.Direction.ShouldBe("inbound");
        question.Email.ShouldBe("jane.doe@mail.example");
        question.Channel.ShouldBe("email");
        question.OrderIds.ShouldBe(["VL-200153"]);
        question.At.ShouldBe(new DateTimeOffset(2026, 11, 2, 9, 15, 0, TimeSpan.Zero));
        question.Body.ShouldBe("Hello, my followers never came.");
        question.Source.ShouldBe("mailbox support@shop.example");
        var answer = messages.Single(m => m.SourceId == "a1@shop.example");
        answer.Direction.ShouldBe("outbound");
        answer.Email.ShouldBe("jane.doe@mail.example");
        answer.Agent.ShouldBe("Sam from Support");
        answer.ThreadId.ShouldBe(question.ThreadId);
        question.ThreadId.ShouldBe("q1@mail.example");
        pages.ShouldAllBe(p => p.Skipped.Count == 0 && !p.Restarted);

        // A restart: a new source from the saved position reads only what arrived since.
        await Server.DeliverAsync("INBOX", Ct, Mail("jane.doe@mail.example", Dovecot.Address, "Thanks", "Arrived, thank you!", "q2@mail.example"));
        var (_, since) = await ReadAsync(Source(), pages[^1].Position);
        since.Select(m => m.SourceId).ShouldBe(["q2@mail.example"]);
        var (_, none) = await ReadAsync(Source(), (await ReadAsync(Source(), pages[^1].Position)).Pages[^1].Position);
        none.ShouldBeEmpty();
    }

    [Fact]
    public async Task Read_ManyMessages_PagesOfTheSizeSet_EachWithThePositionAfterIt()
    {
        await Server.DeliverAsync("INBOX", Ct, [.. Enumerable.Range(1, 12).Select(i => Mail($"c{i}@mail.example", Dovecot.Address, $"Question {i}", "Hi", $"m{i}@mail.example"))]);

        var (pages, messages) = await ReadAsync(Source(o => o.PageSize = 5), null);

        pages.Select(p => p.Messages.Count).ShouldBe([5, 5, 2, 0], "the inbox in three pages, then the empty sent folder");
        messages.Count.ShouldBe(12);
        // Resuming from the second page's position reads the last two.
        (await ReadAsync(Source(), pages[1].Position)).Messages.Select(m => m.SourceId).ShouldBe(["m11@mail.example", "m12@mail.example"]);
    }

    [Fact]
    public async Task Read_UidValidityChanged_TheFolderIsReadAgainFromItsStart_SaidSo()
    {
        await Server.DeliverAsync("Sent", Ct, Mail(Dovecot.Address, "jane.doe@mail.example", "Re: hello", "Answer one", "a1@shop.example"));
        var (first, _) = await ReadAsync(Source(), null);

        // The server rebuilt the folder: the same name, a new UIDVALIDITY, its mail again.
        using (var client = await Server.ClientAsync(Ct))
        {
            var sent = await client.GetFolderAsync("Sent", Ct);
            await sent.DeleteAsync(Ct);
            await client.Inbox.CreateAsync("Sent", isMessageFolder: true, Ct);
            await client.DisconnectAsync(true, Ct);
        }

        await Server.DeliverAsync("Sent", Ct,
            Mail(Dovecot.Address, "jane.doe@mail.example", "Re: hello", "Answer one", "a1@shop.example"),
            Mail(Dovecot.Address, "jane.doe@mail.example", "Re: hello again", "Answer two", "a2@shop.example"));

        var (again, messages) = await ReadAsync(Source(o => o.Sent = "Sent"), first[^1].Position);

        again.ShouldContain(p => p.Restarted);
        messages.Select(m => m.SourceId).ShouldBe(["a1@shop.example", "a2@shop.example"], "read again from the start, under the same ids");
    }

    [Fact]
    public async Task Read_AnotherAddressAboutAnOrderNumber_AndAThreadReply_CarryWhatFindsTheCustomer()
    {
        await Server.DeliverAsync("INBOX", Ct,
            Mail("Jane at work <jane@work.example>", Dovecot.Address, "Where are my likes?", "I ordered VL-200321 last week from my other address.", "w1@work.example"),
            Mail("jane.doe@mail.example", Dovecot.Address, "Re: your order", "Still nothing.", "r2@mail.example", extra: "In-Reply-To: <a9@shop.example>\nReferences: <q9@mail.example> <a9@shop.example>\n"));

        var (_, messages) = await ReadAsync(Source(), null);

        var other = messages.Single(m => m.SourceId == "w1@work.example");
        other.Email.ShouldBe("jane@work.example");
        other.OrderIds.ShouldBe(["VL-200321"], "found in the body");
        messages.Single(m => m.SourceId == "r2@mail.example").ThreadId.ShouldBe("q9@mail.example", "the thread's first message");
    }

    [Fact]
    public async Task Read_AutoRepliesAndBounces_AreNotContact()
    {
        await Server.DeliverAsync("INBOX", Ct,
            Mail("jane.doe@mail.example", Dovecot.Address, "Out of office", "I am away until Monday.", "ooo@mail.example", extra: "Auto-Submitted: auto-replied\n"),
            Mail("jane.doe@mail.example", Dovecot.Address, "Automatic reply: your ticket", "Away.", "ooo2@mail.example", extra: "X-Autoreply: yes\n"),
            """
            From: Mail Delivery System <MAILER-DAEMON@mx.shop.example>
            To: support@shop.example
            Subject: Undelivered Mail Returned to Sender
            Date: Mon, 02 Nov 2026 10:15:00 +0100
            Message-Id: <bounce1@mx.shop.example>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

            --b1
            Content-Type: text/plain

            The mail to jane.doe@mail.example could not be delivered.
            --b1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.shop.example

            Final-Recipient: rfc822; jane.doe@mail.example
            Action: failed
            Status: 5.1.1
            --b1--
            """,
            Mail("jane.doe@mail.example", Dovecot.Address, "A real question", "Where is my order?", "real@mail.example", extra: "Auto-Submitted: no\n"));

        var (pages, messages) = await ReadAsync(Source(), null);

        messages.Select(m => m.SourceId).ShouldBe(["real@mail.example"]);
        pages.Sum(p => p.NotContact).ShouldBe(3);
    }

    [Fact]
    public async Task Read_HtmlConverted_QuotedRepliesTrimmed_AttachmentsByNameOnly()
    {
        await Server.DeliverAsync("INBOX", Ct,
            """
            From: jane.doe@mail.example
            To: support@shop.example
            Subject: Re: your refund
            Date: Mon, 02 Nov 2026 10:15:00 +0100
            Message-Id: <html1@mail.example>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="m1"

            --m1
            Content-Type: text/html; charset=utf-8

            <html><head><title>x</title><style>p { color: red }</style></head><body><p>Hello&nbsp;team,</p><p>the <b>followers</b> dropped<br>by half.</p><script>alert(1)</script><blockquote>On Monday you wrote: we refilled it</blockquote></body></html>
            --m1
            Content-Type: image/png; name="screenshot.png"
            Content-Disposition: attachment; filename="screenshot.png"
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --m1--
            """,
            Mail("jane.doe@mail.example", Dovecot.Address, "Re: Re: your refund", """
                Still not fixed.

                On Mon, 2 Nov 2026 at 09:00, Support <support@shop.example> wrote:
                > We refilled your order.
                > Kind regards
                """, "plain1@mail.example"));

        var (_, messages) = await ReadAsync(Source(), null);

        var html = messages.Single(m => m.SourceId == "html1@mail.example");
        html.Body.ShouldBe("Hello\u00a0team,\n\nthe followers dropped\nby half.");
        html.Attachments.ShouldBe(["screenshot.png"]);
        messages.Single(m => m.SourceId == "plain1@mail.example").Body.ShouldBe("Still not fixed.");
    }

    [Fact]
    public async Task Read_AMessageWithNoSender_NamedAndSkipped_TheRestRead()
    {
        await Server.DeliverAsync("INBOX", Ct,
            "To: support@shop.example\nSubject: no sender\nDate: Mon, 02 Nov 2026 10:15:00 +0100\nMessage-Id: <nofrom@x.example>\n\nWho am I?\n",
            Mail("jane.doe@mail.example", Dovecot.Address, "Hello", "A question.", "ok@mail.example"));

        var (pages, messages) = await ReadAsync(Source(), null);

        messages.Select(m => m.SourceId).ShouldBe(["ok@mail.example"]);
        pages.SelectMany(p => p.Skipped).ShouldBe(["INBOX UID 1: no sender address"]);
    }

    [Fact]
    public async Task Read_NoPasswordInTheEnvironment_SaysWhichVariable()
    {
        var source = Source(o => o.PasswordVariable = "DK_TEST_IMAP_UNSET_" + Guid.NewGuid().ToString("N"));

        var e = await Should.ThrowAsync<InvalidOperationException>(async () => await ReadAsync(source, null));

        e.Message.ShouldContain("support@shop.example");
        e.Message.ShouldContain("DK_TEST_IMAP_UNSET_");
    }
}
