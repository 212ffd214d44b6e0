using System.Globalization;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Formatting;

namespace DisputeKit.Core.Evidence;

/// <summary>
/// Decides whether the customer contacted support before the dispute. Only inbound messages
/// count; a message counts for this purchase when it names one of its orders, or names no order
/// and was sent after the purchase.
/// </summary>
public static class PriorContactCheck
{
    public static PriorContactFinding Evaluate(
        IReadOnlyList<SupportMessage> history, DateTimeOffset disputeCreated, DateTimeOffset windowStart,
        IReadOnlyCollection<string> orderIds, DateTimeOffset? purchasedAt)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var inboundBefore = history.Where(m => m.IsInbound && m.At < disputeCreated).ToList();
        var aboutPurchase = inboundBefore.Where(m => IsAboutPurchase(m, orderIds, purchasedAt)).ToList();
        var notCounted = new List<string>();
        foreach (var message in history)
        {
            if (!message.IsInbound && message.At < disputeCreated)
            {
                notCounted.Add($"{message.Id}: outbound from support, not a contact by the customer");
            }
            else if (message.IsInbound && message.At >= disputeCreated)
            {
                notCounted.Add($"{message.Id}: sent after the dispute was opened");
            }
            else if (message.IsInbound && !aboutPurchase.Contains(message))
            {
                notCounted.Add($"{message.Id}: about another order");
            }
        }

        var last = inboundBefore.Count > 0 ? inboundBefore.Max(m => m.At) : (DateTimeOffset?)null;
        var proof = aboutPurchase.Count > 0 ? aboutPurchase : inboundBefore;
        return new PriorContactFinding
        {
            WindowStart = windowStart,
            WindowEnd = disputeCreated,
            ContactedAtAll = inboundBefore.Count > 0,
            ContactedAboutPurchase = aboutPurchase.Count > 0,
            LastContactAt = last,
            GapToDispute = last is null ? null : disputeCreated - last.Value,
            Proof = proof,
            NotCounted = notCounted,
            Statement = Describe(aboutPurchase, inboundBefore, windowStart, disputeCreated, orderIds),
        };
    }

    private static bool IsAboutPurchase(SupportMessage message, IReadOnlyCollection<string> orderIds, DateTimeOffset? purchasedAt)
    {
        if (message.OrderIds is { Count: > 0 } ids)
        {
            return ids.Any(id => orderIds.Contains(id, StringComparer.Ordinal));
        }

        return purchasedAt is null || message.At >= purchasedAt.Value;
    }

    private static string Describe(
        List<SupportMessage> aboutPurchase, List<SupportMessage> inboundBefore, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> orderIds)
    {
        var window = $"between {Formats.Day(from)} and the dispute on {Formats.Day(to)}";
        if (aboutPurchase.Count > 0)
        {
            var last = aboutPurchase.Max(m => m.At);
            var first = aboutPurchase.MinBy(m => m.At)!;
            return string.Create(CultureInfo.InvariantCulture,
                $"The customer contacted support {Times(aboutPurchase.Count)} about this purchase before the dispute; the last contact was on {Formats.Day(last)}, {Gap(to - last)} before the dispute was opened. The first is {Cite(first)}.");
        }

        if (inboundBefore.Count > 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The customer contacted support {Times(inboundBefore.Count)} {window}, but never about {About(orderIds)}; no refund or cancellation of this purchase was requested.");
        }

        return $"The customer did not contact support {window} (searched by account, email address and order number); no complaint, refund or cancellation request was received before the dispute.";
    }

    /// <summary>Where a message is held, as evidence cites it: the support source and its own id there, or the seller's records.</summary>
    public static string Cite(SupportMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Source is not { } source ? $"in the seller's support records, message {message.Id}"
            : message.Channel == "email" ? $"in the {source}, Message-Id <{message.SourceId ?? message.Id}>"
            : $"in {source}, {message.SourceId ?? message.Id}";
    }

    private static string About(IReadOnlyCollection<string> orderIds) => orderIds.Count switch
    {
        0 => "the order in dispute",
        1 => $"order {orderIds.First()}",
        _ => $"orders {string.Join(", ", orderIds)}",
    };

    private static string Times(int count) => count == 1 ? "once" : $"{count} times";


    private static string Gap(TimeSpan gap) => gap.TotalHours < 48
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Round(gap.TotalHours))} hours")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(gap.TotalDays)} days");
}
