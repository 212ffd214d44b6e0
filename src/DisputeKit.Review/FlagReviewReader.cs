using System.Globalization;
using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Review;

/// <summary>Reads what the review pages show: flags from the flag store, cases from the case store, the rest from the seller's records.</summary>
public sealed class FlagReviewReader(IFlagStore flags, ICaseStore cases, IMerchantRecords records, TimeProvider clock)
{
    /// <summary>Messages shown per dispute; older ones are counted, not shown.</summary>
    public const int MessagesShown = 40;

    /// <summary>Drop guarantee used when an order's service does not state one (as the evidence gatherer does).</summary>
    public double DefaultRefillDays { get; init; } = 30;

    public async Task<FlagListPage> ListAsync(FlagQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = await flags.ListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var chosen = query.Apply(all, now);
        var rows = new List<FlagRow>(chosen.Count);
        foreach (var flag in chosen)
        {
            var customer = await records.FindCustomerAsync(flag.CustomerId, cancellationToken);
            rows.Add(new FlagRow(
                flag.CustomerId,
                FlagUrl(flag.CustomerId),
                customer?.Name,
                customer?.Email,
                flag.State,
                flag.Severity,
                flag.SuggestedAction,
                string.Join(", ", flag.Disputes.Select(d => d.DisputeReason).Distinct(StringComparer.Ordinal)),
                flag.Disputes.Count,
                AtStake(flag),
                Math.Max(0, (int)Math.Floor((now - flag.CreatedAt).TotalDays)),
                Formats.Stamp(flag.CreatedAt),
                flag.WroteInAt is { } wrote ? Formats.Stamp(wrote) : null));
        }

        var reasons = all.SelectMany(f => f.Disputes.Select(d => d.DisputeReason)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new FlagListPage(
            rows,
            [.. FlagQuery.States.Select(s => new Choice(s, s, s == (string.IsNullOrEmpty(query.State) ? "all" : query.State)))],
            [new Choice(string.Empty, "any reason", string.IsNullOrEmpty(query.Reason)), .. reasons.Select(r => new Choice(r, r, r == query.Reason))],
            [
                new Choice(string.Empty, "any age", string.IsNullOrEmpty(query.Age)),
                new Choice("under-7", "under 7 days", query.Age == "under-7"),
                new Choice("7-30", "7 to 30 days", query.Age == "7-30"),
                new Choice("over-30", "over 30 days", query.Age == "over-30"),
            ],
            all.Count);
    }

    /// <summary>The customer's open flag, else their latest closed one; null when they were never flagged.</summary>
    public async Task<FlagPage?> PageAsync(string customerId, CancellationToken cancellationToken)
    {
        var history = await flags.HistoryAsync(customerId, cancellationToken);
        if (history.Count == 0)
        {
            return null;
        }

        var flag = history[0];
        var customer = await records.FindCustomerAsync(customerId, cancellationToken);
        var panels = new List<DisputePanel>(flag.Disputes.Count);
        foreach (var flagged in flag.Disputes)
        {
            panels.Add(await PanelAsync(flagged, customer, cancellationToken));
        }

        return new FlagPage
        {
            FlagId = flag.Id,
            CustomerId = customerId,
            Url = FlagUrl(customerId),
            Name = customer?.Name,
            Email = customer?.Email,
            CustomerStatus = customer?.Status,
            State = flag.State,
            Severity = flag.Severity,
            SuggestedAction = flag.SuggestedAction,
            Action = flag.Action,
            NeedsPerson = flag.NeedsPerson,
            CanConfirm = flag.State == FlagStates.Proposed,
            CanLift = flag.IsOpen,
            IsOpen = flag.IsOpen,
            AtStake = AtStake(flag),
            Created = Formats.Stamp(flag.CreatedAt),
            WroteIn = flag.WroteInAt is { } wrote ? Formats.Stamp(wrote) : null,
            Disputes = panels,
            History = [.. flag.History.Select(h => new HistoryRow(Formats.Stamp(h.At), h.From, h.To, h.By, h.ByPerson, h.Why))],
            ShopCalls = [.. flag.ShopCalls.Select(c => new ShopCallRow(Formats.Stamp(c.At), c.Action, c.Target, c.Succeeded, c.Answer))],
            Earlier = [.. history.Skip(1).Select(f => new EarlierFlag(f.Id, f.State, Formats.Stamp(f.CreatedAt), Formats.Stamp(f.UpdatedAt)))],
        };
    }

    private async Task<DisputePanel> PanelAsync(FlaggedDispute flagged, Customer? customer, CancellationToken cancellationToken)
    {
        var panel = new DisputePanel
        {
            DisputeId = flagged.DisputeId,
            Reason = flagged.DisputeReason,
            Amount = Formats.Amount(flagged.Amount, flagged.Currency),
            Why = flagged.Why,
            Withdrawn = flagged.Withdrawn,
        };
        var @case = await cases.GetAsync(flagged.DisputeId, cancellationToken);
        if (@case is null)
        {
            return panel with { Problem = $"No case is kept for dispute {flagged.DisputeId}; run a sweep." };
        }

        return await CasePanelAsync(panel, @case, customer, cancellationToken);
    }

    /// <summary>
    /// The panel filled from the case: its state, the verdict with its facts and rules, the order
    /// and its delivery, the prior-contact finding with the customer's messages (those it cites
    /// marked), and the pack. The flag page shows one per flagged dispute; the case page shows it too.
    /// </summary>
    public async Task<DisputePanel> CasePanelAsync(DisputePanel panel, DisputeCase @case, Customer? customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(@case);
        panel = panel with
        {
            Status = @case.Status,
            DueBy = @case.DueBy is { } due ? Formats.Stamp(due) : null,
            CaseState = CaseStateNames.Label(@case.State),
            CaseNote = @case.Note,
            Verdict = @case.Verdict is { } v ? new VerdictPanel(v.Kind, v.Summary, v.Facts, v.Rules) : null,
            PackUrl = @case.PackPath is null ? null : PackUrl(@case.DisputeId),
        };

        // Cases keep the order and its delivery as gathered; older case files are read from the records.
        var delivery = @case.Delivery ?? await DeliveryFromRecordsAsync(@case.OrderId, cancellationToken);
        if (delivery is not null)
        {
            panel = panel with
            {
                Order = new OrderPanel(delivery.OrderId, delivery.Service, delivery.Link, delivery.Quantity, Formats.Amount(delivery.Amount, delivery.Currency), delivery.Status, Formats.Stamp(delivery.OrderedAt)),
                Delivery = new DeliveryPanel(
                    delivery.Quantity,
                    delivery.Delivered,
                    delivery.StartCount,
                    delivery.CurrentCount,
                    delivery.StartedAt is { } s ? Formats.Stamp(s) : null,
                    delivery.CompletedAt is { } c ? Formats.Stamp(c) : null,
                    delivery.StartDelay is { } d ? Duration(d) : null,
                    delivery.StartedWithinPromise,
                    delivery.PromisedStartHours,
                    delivery.Drops,
                    delivery.UnrefilledWithinGuarantee,
                    delivery.GuaranteeEndsAt is { } g ? Formats.Stamp(g) : null),
            };
        }

        if (@case.PriorContact is { } contact)
        {
            var disputedAt = @case.DisputedAt ?? @case.Audit[0].At;
            var messages = await records.SupportMessagesAsync(
                customer?.Id ?? @case.CustomerId ?? string.Empty,
                customer?.Email,
                delivery is null ? [] : [delivery.OrderId],
                cancellationToken);
            var cited = contact.MessageIds.ToHashSet(StringComparer.Ordinal);
            var shown = messages.TakeLast(MessagesShown).Select(m => new MessageRow(
                Formats.Stamp(m.At), m.Channel, m.Direction, m.Subject, m.Body, cited.Contains(m.Id), m.At > disputedAt)).ToList();
            panel = panel with
            {
                PriorContact = new ContactPanel(
                    contact.Statement,
                    contact.ContactedAboutPurchase,
                    contact.ContactedAtAll,
                    contact.LastContactAt is { } last ? Formats.Stamp(last) : null,
                    shown,
                    messages.Count > shown.Count ? messages.Count - shown.Count : null),
            };
        }

        return panel;
    }

    private async Task<CaseDelivery?> DeliveryFromRecordsAsync(string? orderId, CancellationToken cancellationToken)
    {
        if (orderId is null || await records.FindOrderAsync(orderId, cancellationToken) is not { } order)
        {
            return null;
        }

        var events = await records.DeliveryEventsAsync(order.Id, cancellationToken);
        return CaseFacts.Delivery(order, DeliveryReportBuilder.Build(order, events, DefaultRefillDays));
    }

    public static string FlagUrl(string customerId) => "/flags/" + Uri.EscapeDataString(customerId);

    public static string PackUrl(string disputeId) => "/disputes/" + Uri.EscapeDataString(disputeId) + "/pack.pdf";

    private static string AtStake(AccountFlag flag) =>
        string.Join(", ", flag.Disputes.GroupBy(d => d.Currency, StringComparer.OrdinalIgnoreCase).Select(g => Formats.Amount(g.Sum(d => d.Amount), g.Key)));

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 48 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.#} days")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} hours");
}
