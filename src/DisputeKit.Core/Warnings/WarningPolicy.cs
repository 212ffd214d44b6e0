using System.Globalization;
using DisputeKit.Core.Economics;
using DisputeKit.Core.Evidence;
using DisputeKit.Core.Formatting;
using DisputeKit.Core.Policies;

namespace DisputeKit.Core.Warnings;

/// <summary>
/// Refund, watch or ask a person about an early fraud warning, the way finance would: from the
/// refund policy's verdict on the order (as if the charge were disputed as fraud) and the money.
/// Refunding now loses the amount but no dispute fee, and no dispute counts against the ratio;
/// waiting costs, with the dispute's chance, what a dispute would cost — fought at its win
/// chance with its fees, or accepted, whichever costs less.
/// </summary>
public static class WarningPolicy
{
    public static WarningDecision Decide(
        EarlyFraudWarning warning, long amount, string currency, EvidenceBundle bundle, Verdict verdict, CaseEconomics economics,
        WarningOptions options, EconomicsOptions fees, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(warning);
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(economics);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fees);

        var money = Formats.Amount(amount, currency);
        var reasons = new List<string>
        {
            $"The card issuer reported the charge as {warning.FraudType.Replace('_', ' ')} on {Formats.Day(warning.Created)}; about {Percent(options.DisputeChance)} of such warnings become a fraud dispute when nothing is done.",
        };

        if (!bundle.Match.IsMatched)
        {
            reasons.AddRange(bundle.Match.Tried);
            return Decision(WarningAction.Ask, "No order matches the charge: a person finds the purchase before anything is refunded.", reasons, verdict, null, null, null, options, now);
        }

        var orders = bundle.Order is { } order ? $"order {order.Id}" : bundle.Match.Renewal is not null ? $"subscription {bundle.Match.Subscription!.Id}'s renewal" : "the purchase";
        reasons.Add($"Policy on {orders}: {verdict.Summary}");
        switch (verdict.Kind)
        {
            case VerdictKind.Accept:
                reasons.Add($"Refunding now costs nothing the policy does not owe already, avoids the dispute fee of {Formats.Amount(fees.FeesFor(currency).DisputeFee, currency)} and keeps a dispute off the ratio. The network's fraud report stays.");
                return Decision(WarningAction.Refund, $"Refund {money}: the policy owes it in full, and a dispute would add its fee.", reasons, verdict, amount, null, economics.WinChance, options, now);
            case VerdictKind.Partial:
                reasons.Add($"The policy owes {Formats.Amount(verdict.AmountOwed ?? 0, currency)} of it; a partial refund leaves the warning actionable and a fraud dispute possible.");
                return Decision(WarningAction.Ask, "The policy owes part of the charge: a person decides between a full refund and waiting.", reasons, verdict, null, null, economics.WinChance, options, now);
            case VerdictKind.Review:
                return Decision(WarningAction.Ask, "The policy leaves this order to a person.", reasons, verdict, null, null, economics.WinChance, options, now);
        }

        // The policy would fight: weigh refunding now against waiting.
        var (disputeFee, counterFee) = fees.FeesFor(currency);
        var win = economics.WinChance;
        var fought = ((1 - win) * amount)
            + (disputeFee * (fees.DisputeFeeRefundedOnWin ? 1 - win : 1))
            + (counterFee * (fees.CounterFeeRefundedOnWin ? 1 - win : 1));
        var accepted = amount + disputeFee;
        var ifDisputed = Math.Min(fought, accepted);
        var wait = (long)Math.Round(options.DisputeChance * ifDisputed, MidpointRounding.AwayFromZero);
        var how = fought <= accepted
            ? $"fought (win chance {Percent(win)}: {economics.Basis})"
            : $"accepted (fighting it at a {Percent(win)} win chance would cost more)";
        reasons.Add($"Refunding now costs {money}. Waiting is expected to cost {Formats.Amount(wait, currency)}: a {Percent(options.DisputeChance)} chance of a dispute that would cost "
            + $"{Formats.Amount((long)Math.Round(ifDisputed), currency)} {how}, with its dispute fee of {Formats.Amount(disputeFee, currency)}.");

        if (Math.Abs(amount - wait) <= options.CloseCallShare * amount)
        {
            reasons.Add($"The two are within {Percent(options.CloseCallShare)} of the amount of each other: too close to call on the numbers alone.");
            return Decision(WarningAction.Ask, "A close call between refunding and waiting: a person decides.", reasons, verdict, amount, wait, win, options, now);
        }

        if (amount < wait)
        {
            reasons.Add("A refund also keeps a dispute off the ratio; the network's fraud report stays.");
            return Decision(WarningAction.Refund, $"Refund {money}: a likely dispute would cost more than the charge is worth.", reasons, verdict, amount, wait, win, options, now);
        }

        reasons.Add("Should the dispute come, it is fought with the delivery evidence; the account is not flagged for friendly fraud meanwhile.");
        return Decision(WarningAction.Watch, $"Watch: fighting a dispute, should one come, is expected to keep more than refunding {money}.", reasons, verdict, amount, wait, win, options, now);
    }

    private static string Percent(double share) => share.ToString("P0", CultureInfo.InvariantCulture);

    private static WarningDecision Decision(
        WarningAction action, string summary, List<string> reasons, Verdict verdict, long? refund, long? wait, double? win, WarningOptions options, DateTimeOffset now) => new()
    {
        Action = action,
        Summary = summary,
        Reasons = reasons,
        RefundCost = refund,
        WaitCost = wait,
        DisputeChance = options.DisputeChance,
        WinChance = win,
        Verdict = verdict.Kind,
        DecidedAt = now,
    };
}
