using System.Runtime.CompilerServices;
using DisputeKit.Core.Disputes;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>
/// Stripe as the sweep sees it, in memory: disputes and charges, uploads and evidence updates
/// keyed the way Stripe keys them (a second request with a key replays the first answer and
/// changes nothing), and faults on demand — before the request is applied, or after it was
/// applied and the answer lost, as a dropped connection does.
/// </summary>
internal sealed class FakeGateway : IDisputeGateway, DisputeKit.Core.Warnings.IWarningGateway
{
    private readonly Dictionary<string, object> _byKey = new(StringComparer.Ordinal);
    private readonly List<(string Operation, bool AfterApply, bool Saved)> _faults = [];
    private readonly Dictionary<string, DisputeGatewayException> _savedFailures = new(StringComparer.Ordinal);

    public Dictionary<string, Dispute> Disputes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ChargeDetails> Charges { get; } = new(StringComparer.Ordinal);

    /// <summary>Files Stripe holds, by id, with the name they were uploaded as.</summary>
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>The evidence staged on each dispute, field by field, as Stripe keeps it.</summary>
    public Dictionary<string, Dictionary<string, string>> Evidence { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request: its operation (<c>list</c>, <c>get</c>, <c>charge</c>, <c>upload:&lt;file&gt;</c>, <c>stage</c>, <c>submit</c>, <c>close</c>), key, and whether it was a replay or a fault.</summary>
    public List<(string Operation, string? Key, string Result)> Calls { get; } = [];

    /// <summary>Effects applied (not replays, not faults): uploads, stagings, submissions and closes.</summary>
    public IEnumerable<string> Effects => Calls.Where(c => c.Result == "applied").Select(c => $"{c.Operation} {c.Key}");

    /// <summary>
    /// Fails the next request whose operation starts with <paramref name="operation"/>, once: with a
    /// dropped connection, or with <paramref name="saved"/> a 500 that Stripe saves under the
    /// request's key and replays for every later request with it.
    /// </summary>
    public void FailNext(string operation, bool afterApply = false, bool saved = false) => _faults.Add((operation, afterApply, saved));

    public bool HasPendingFaults => _faults.Count > 0;

    /// <summary>Refuses the next <paramref name="times"/> stagings as over the card network's page limit (400, nothing applied), as Stripe does since 2026-09-30.</summary>
    public void RefuseOverPageLimit(int times) => _pageLimitRefusals += times;

    private int _pageLimitRefusals;

    /// <summary>Every evidence update applied, with whether it submitted.</summary>
    public List<(string DisputeId, EvidenceUpdate Update, bool Submit)> Updates { get; } = [];

    public Dispute Add(Dispute dispute, ChargeDetails? charge = null)
    {
        Disputes[dispute.Id] = dispute;
        if (charge is not null)
        {
            Charges[charge.Id] = charge;
        }

        return dispute;
    }

    public async IAsyncEnumerable<Dispute> ListDisputesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Fault("list", before: true);
        Calls.Add(("list", null, "ok"));
        foreach (var dispute in Disputes.Values.ToList())
        {
            await Task.Yield();
            yield return Expanded(dispute);
        }
    }

    /// <summary>The dispute events Stripe made, as <c>GET /v1/events</c> lists them.</summary>
    public List<DisputeKit.Core.Events.StripeEvent> Events { get; } = [];

    public async IAsyncEnumerable<DisputeKit.Core.Events.StripeEvent> ListEventsAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Fault("events", before: true);
        Calls.Add(("events", null, "ok"));
        foreach (var e in Events.Where(e => e.Created > since).OrderByDescending(e => e.Created).ToList())
        {
            await Task.Yield();
            yield return e;
        }
    }

    public Task<Dispute> GetDisputeAsync(string disputeId, CancellationToken cancellationToken)
    {
        Fault("get", before: true);
        Calls.Add(("get", null, "ok"));
        return Disputes.TryGetValue(disputeId, out var dispute)
            ? Task.FromResult(Expanded(dispute))
            : Task.FromException<Dispute>(new DisputeGatewayException(404, "resource_missing", $"No such dispute: '{disputeId}'"));
    }

    /// <summary>The dispute with its charge, as Stripe lists it with <c>expand[]=data.charge</c>.</summary>
    private Dispute Expanded(Dispute dispute) => dispute with { Charge = Charges.GetValueOrDefault(dispute.ChargeId) };

    public Task<ChargeDetails> GetChargeAsync(string chargeId, CancellationToken cancellationToken)
    {
        Fault("charge", before: true);
        Calls.Add(("charge", null, "ok"));
        return Task.FromResult(Charges[chargeId]);
    }

    public Task<string> UploadEvidenceFileAsync(
        string fileName, ReadOnlyMemory<byte> content, string contentType, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(Keyed($"upload:{fileName}", idempotencyKey, () =>
        {
            var id = $"file_{Files.Count + 1:D4}";
            Files[id] = fileName;
            return id;
        }));

    public Task<Dispute> UpdateEvidenceAsync(
        string disputeId, EvidenceUpdate evidence, bool submit, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (!submit && _pageLimitRefusals > 0)
        {
            _pageLimitRefusals--;
            Calls.Add(("stage", idempotencyKey, "refused: page limit"));
            throw new DisputeGatewayException(400, DisputeGatewayException.PageLimitCode, "The evidence is over the card network's page limit.", idempotencyKey);
        }

        return Task.FromResult(Keyed(submit ? "submit" : "stage", idempotencyKey, () =>
        {
            Updates.Add((disputeId, evidence, submit));
            var held = Evidence.TryGetValue(disputeId, out var e) ? e : Evidence[disputeId] = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (field, value) in evidence.Fields)
            {
                held[field] = value;
            }

            var dispute = Disputes[disputeId] with
            {
                HasEvidence = true,
                Evidence = new Dictionary<string, string>(held, StringComparer.Ordinal),
                Appeal = evidence.Appeal?.Fields() ?? Disputes[disputeId].Appeal,
                IntendedSubmissionMethod = evidence.IntendedSubmissionMethod ?? Disputes[disputeId].IntendedSubmissionMethod,
            };
            if (submit)
            {
                var status = dispute.Status == DisputeStatus.AppealNeedsResponse ? DisputeStatus.AppealUnderReview : DisputeStatus.UnderReview;
                dispute = dispute with { SubmissionCount = dispute.SubmissionCount + 1, SubmissionMethod = "manual", Status = status };
            }

            return Disputes[disputeId] = dispute;
        }));
    }

    public Task<Dispute> CloseDisputeAsync(string disputeId, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(Keyed("close", idempotencyKey, () => Disputes[disputeId] = Disputes[disputeId] with { Status = DisputeStatus.Lost }));

    /// <summary>Early fraud warnings Stripe holds, by id.</summary>
    public Dictionary<string, DisputeKit.Core.Warnings.EarlyFraudWarning> Warnings { get; } = new(StringComparer.Ordinal);

    /// <summary>Refunds applied (not replays), in order.</summary>
    public List<DisputeKit.Core.Warnings.RefundRequest> Refunds { get; } = [];

    public async IAsyncEnumerable<DisputeKit.Core.Warnings.EarlyFraudWarning> ListWarningsAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Fault("warnings", before: true);
        Calls.Add(("warnings", null, "ok"));
        foreach (var w in Warnings.Values.Where(w => w.Created >= since).OrderByDescending(w => w.Created).ToList())
        {
            await Task.Yield();
            yield return w;
        }
    }

    public Task<DisputeKit.Core.Warnings.EarlyFraudWarning> GetWarningAsync(string warningId, CancellationToken cancellationToken)
    {
        Calls.Add(("warning", null, "ok"));
        return Warnings.TryGetValue(warningId, out var w)
            ? Task.FromResult(w)
            : Task.FromException<DisputeKit.Core.Warnings.EarlyFraudWarning>(new DisputeGatewayException(404, "resource_missing", $"No such early fraud warning: '{warningId}'"));
    }

    /// <summary>As Stripe refunds: keyed, never a disputed charge nor more than is left; the charge and its warnings follow.</summary>
    public Task<DisputeKit.Core.Warnings.RefundResult> RefundAsync(DisputeKit.Core.Warnings.RefundRequest refund, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return Task.FromResult(Keyed("refund", idempotencyKey, () =>
        {
            var charge = Charges[refund.ChargeId];
            if (charge.Disputed)
            {
                throw new DisputeGatewayException(400, "charge_disputed", $"Charge {charge.Id} has been charged back; you cannot refund it.", idempotencyKey);
            }

            if (refund.Amount > charge.Refundable)
            {
                throw new DisputeGatewayException(400, charge.Refundable == 0 ? "charge_already_refunded" : "amount_too_large", $"Charge {charge.Id}: only {charge.Refundable} left to refund.", idempotencyKey);
            }

            Refunds.Add(refund);
            Charges[charge.Id] = charge = charge with { AmountRefunded = charge.AmountRefunded + refund.Amount };
            if (charge.Refundable == 0)
            {
                foreach (var w in Warnings.Values.Where(w => w.ChargeId == charge.Id).ToList())
                {
                    Warnings[w.Id] = w with { Actionable = false };
                }
            }

            return new DisputeKit.Core.Warnings.RefundResult($"re_{Refunds.Count:D4}", refund.Amount, "succeeded");
        }));
    }

    private T Keyed<T>(string operation, string key, Func<T> apply)
        where T : notnull
    {
        if (_savedFailures.TryGetValue(key, out var failure))
        {
            Calls.Add((operation, key, "replayed failure"));
            throw failure;
        }

        Fault(operation, before: true, key);
        if (_byKey.TryGetValue(key, out var earlier))
        {
            Calls.Add((operation, key, "replayed"));
            return (T)earlier;
        }

        var result = apply();
        _byKey[key] = result;
        Calls.Add((operation, key, "applied"));
        Fault(operation, before: false, key);
        return result;
    }

    private void Fault(string operation, bool before, string? key = null)
    {
        var index = _faults.FindIndex(f => operation.StartsWith(f.Operation, StringComparison.Ordinal) && f.AfterApply != before && (key is not null || !f.Saved));
        if (index < 0)
        {
            return;
        }

        var saved = _faults[index].Saved;
        _faults.RemoveAt(index);
        Calls.Add((operation, saved ? key : null, (before ? "fault" : "fault after apply") + (saved ? ", saved" : string.Empty)));
        if (saved)
        {
            // Stripe keeps the 500 under the key, in place of whatever the request did.
            _byKey.Remove(key!);
            throw _savedFailures[key!] = new DisputeGatewayException(500, null, $"Stripe answered 500 ({operation}); saved under {key}.", key);
        }

        throw new HttpRequestException($"The connection was closed {(before ? "before" : "after")} Stripe answered ({operation}).");
    }
}
