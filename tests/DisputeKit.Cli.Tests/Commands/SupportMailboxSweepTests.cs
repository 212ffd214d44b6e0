using System.Globalization;
using System.Text.Json.Nodes;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// The embedded default swept with the support mailbox as a source, a real Dovecot on
/// 127.0.0.1: a customer whose only contact is an e-mail in the mailbox is found to have written
/// in (not flagged, the e-mail in the pack); a mailbox that cannot be read keeps every "no
/// contact" finding from being made.
/// </summary>
public sealed class SupportMailboxSweepTests : IAsyncLifetime
{
    private const string PasswordVariable = "DK_TEST_SUPPORT_MAILBOX_PASSWORD";
    private readonly Dovecot _mail = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _mail.InitializeAsync();

    public ValueTask DisposeAsync() => _mail.DisposeAsync();

    /// <summary>A sample dispute whose customer never contacted support: fought, and the account flagged for suspension.</summary>
    private static (string DisputeId, string CustomerId, string OrderId, string Email, DateTimeOffset Disputed, DateTimeOffset Ordered) NoContact(string name = "pnr-delivered-no-contact")
    {
        var scenario = JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "scenarios.json")))!.AsArray()
            .Single(s => s!["scenario"]!.GetValue<string>() == name)!;
        var (id, customer, order) = (scenario["dispute_id"]!.GetValue<string>(), scenario["customer_id"]!.GetValue<string>(), scenario["order_id"]!.GetValue<string>());
        var email = File.ReadLines(Path.Combine(Cli.Samples, "customers.jsonl")).Select(l => JsonNode.Parse(l)!)
            .Single(c => c["id"]!.GetValue<string>() == customer)["email"]!.GetValue<string>();
        var ordered = File.ReadLines(Path.Combine(Cli.Samples, "orders.jsonl")).Select(l => JsonNode.Parse(l)!)
            .Single(o => o["id"]!.GetValue<string>() == order)["created_at"]!.GetValue<DateTimeOffset>();
        var disputed = DateTimeOffset.FromUnixTimeSeconds(JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.Samples, "stripe", "disputes.json")))!.AsArray()
            .Single(d => d!["id"]!.GetValue<string>() == id)!["created"]!.GetValue<long>());
        return (id, customer, order, email, disputed, ordered);
    }

    private static Dictionary<string, string> Settings(string data, int port)
    {
        var settings = Cli.Settings(data);
        settings["DisputeKit__Support__Sources__0__Kind"] = "imap";
        settings["DisputeKit__Support__Sources__0__Address"] = Dovecot.Address;
        settings["DisputeKit__Support__Sources__0__Host"] = "127.0.0.1";
        settings["DisputeKit__Support__Sources__0__Port"] = port.ToString(CultureInfo.InvariantCulture);
        settings["DisputeKit__Support__Sources__0__Security"] = "none";
        settings["DisputeKit__Support__Sources__0__PasswordVariable"] = PasswordVariable;
        settings[PasswordVariable] = Dovecot.Password;
        // The seller's exported messages stay a source beside the mailbox.
        settings["DisputeKit__Support__Sources__1__Kind"] = "records";
        return settings;
    }

    [Fact]
    public async Task Sweep_TheOnlyContactIsInTheMailbox_FoundWrittenIn_NotFlagged_TheEmailInThePack()
    {
        var (id, customer, order, email, disputed, ordered) = NoContact();
        var asked = ordered.AddHours(30) < disputed ? ordered.AddHours(30) : disputed.AddHours(-2);
        await _mail.DeliverAsync("INBOX", Ct, $"""
            From: {email.ToUpperInvariant()}
            To: {Dovecot.Address}
            Subject: Question about order {order}
            Date: {asked.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}
            Message-Id: <only-contact@mail.example>
            Content-Type: text/plain; charset=utf-8

            Hello, when will my followers for {order} arrive? Kind regards
            """);
        // A second customer: support wrote first, and the answer came from another address, naming no order, in the same thread.
        var (other, otherCustomer, _, otherEmail, otherDisputed, otherOrdered) = NoContact("pu-delivered-no-contact");
        var wrote = otherOrdered.AddHours(30) < otherDisputed ? otherOrdered.AddHours(30) : otherDisputed.AddHours(-3);
        await _mail.DeliverAsync("Sent", Ct, $"""
            From: Support <{Dovecot.Address}>
            To: {otherEmail}
            Subject: Your order has started
            Date: {wrote.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}
            Message-Id: <started@shop.example>

            Your campaign has started.
            """);
        await _mail.DeliverAsync("INBOX", Ct, $"""
            From: someone.at.work@work.example
            To: {Dovecot.Address}
            Subject: Re: Your order has started
            Date: {wrote.AddHours(1).ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}
            Message-Id: <reply-from-work@work.example>
            In-Reply-To: <started@shop.example>
            References: <started@shop.example>

            The quality is not what I expected, please call me.
            """);
        using var work = new TempFolder("mailbox-sweep");
        var data = work.Sub("data");

        var sweep = await Cli.RunAsync(work.Path, Settings(data, _mail.Port), Ct, "sweep");

        sweep.ExitCode.ShouldBe(0, sweep.Error);
        sweep.Output.ShouldContain("Support sources: mailbox support@shop.example: 3 messages read.");
        var c = JsonNode.Parse(File.ReadAllText(Path.Combine(data, "cases", id + ".json")))!;
        c["state"]!.GetValue<string>().ShouldBe("staged");
        c["prior_contact"]!["contacted_about_purchase"]!.GetValue<bool>().ShouldBeTrue();
        c["prior_contact"]!["message_ids"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldContain("only-contact@mail.example");
        var flags = await Cli.RunAsync(work.Path, Settings(data, _mail.Port), Ct, "flags", "list", "--json");
        JsonNode.Parse(flags.Output)!.AsArray().ShouldNotContain(f => f!["customer_id"]!.GetValue<string>() == customer, "the customer wrote in first");
        JsonNode.Parse(flags.Output)!.AsArray().ShouldNotContain(f => f!["customer_id"]!.GetValue<string>() == otherCustomer, "the reply in the thread counts");
        var otherCase = JsonNode.Parse(File.ReadAllText(Path.Combine(data, "cases", other + ".json")))!;
        otherCase["prior_contact"]!["message_ids"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldContain("reply-from-work@work.example");
        var pack = await Tool.RunAsync("pdftotext", ["-enc", "UTF-8", Path.Combine(data, "packs", id + ".pdf"), "-"], Ct);
        pack.ShouldContain($"when will my followers for {order} arrive?");
        // The pack cites where the e-mail is held, and the finding which source held the first contact.
        var flat = System.Text.RegularExpressions.Regex.Replace(pack, @"\s+", " ");
        flat.ShouldContain("Held in the mailbox support@shop.example, Message-Id <only-contact@mail.example>");
        flat.ShouldContain("The first is in the mailbox support@shop.example, Message-Id <only-contact@mail.example>.");
        c["prior_contact"]!["statement"]!.GetValue<string>().ShouldEndWith("The first is in the mailbox support@shop.example, Message-Id <only-contact@mail.example>.");
        Directory.GetFiles(Path.Combine(data, "support"), "messages.jsonl", SearchOption.AllDirectories).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Sweep_TheMailboxCannotBeRead_Named_NoCustomerFlaggedForNotWritingIn_CasesSetAside()
    {
        var (id, customer, _, _, _, _) = NoContact();
        using var work = new TempFolder("mailbox-down");
        var data = work.Sub("data");
        var settings = Settings(data, _mail.Port);
        settings[PasswordVariable] = "not the password";

        var sweep = await Cli.RunAsync(work.Path, settings, Ct, "sweep");

        sweep.ExitCode.ShouldBe(0, sweep.Error);
        sweep.Output.ShouldContain("Support sources: mailbox support@shop.example could not be read (AuthenticationException");
        var c = JsonNode.Parse(File.ReadAllText(Path.Combine(data, "cases", id + ".json")))!;
        c["state"]!.GetValue<string>().ShouldBe("set_aside");
        c["note"]!.GetValue<string>().ShouldContain("mailbox support@shop.example (never read whole");
        var flags = JsonNode.Parse((await Cli.RunAsync(work.Path, settings, Ct, "flags", "list", "--json")).Output)!.AsArray();
        flags.ShouldNotContain(f => f!["customer_id"]!.GetValue<string>() == customer);
        var health = await Cli.RunAsync(work.Path, settings, Ct, "health");
        health.Output.ShouldContain("mailbox support@shop.example (never read whole");
    }
}
