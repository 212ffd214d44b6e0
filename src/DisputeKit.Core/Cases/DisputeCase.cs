namespace DisputeKit.Core.Cases;

/// <summary>
/// DisputeKit's durable record of one dispute: what was found, decided and sent, and every
/// transition. Each step is saved before the next one starts.
/// </summary>
public sealed record DisputeCase
{
    public required string DisputeId { get; init; }
    public required CaseState State { get; init; }
    public required string Reason { get; init; }
    public required string Status { get; init; }
    public required long Amount { get; init; }
    public required string Currency { get; init; }
    public DateTimeOffset? DueBy { get; init; }
    /// <summary>When the customer opened the dispute (Stripe's <c>created</c>); unset on cases made before it was kept.</summary>
    public DateTimeOffset? DisputedAt { get; init; }
    /// <summary>The disputed charge; unset on case files from before it was kept.</summary>
    public string? ChargeId { get; init; }
    public string? OrderId { get; init; }
    /// <summary>Every order the disputed charge paid for, when it paid for more than one (<see cref="OrderId"/> is the first).</summary>
    public IReadOnlyList<string> OrderIds { get; init; } = [];
    public string? CustomerId { get; init; }
    public CaseVerdict? Verdict { get; init; }
    public CasePriorContact? PriorContact { get; init; }
    /// <summary>Why the case was set aside or skipped; the last error when failed.</summary>
    public string? Note { get; init; }
    public string? PackPath { get; init; }
    public string? PackSha256 { get; init; }
    /// <summary>Pages of the kept pack; unset on case files from before it was kept (counted from the pack then).</summary>
    public int? PackPages { get; init; }
    /// <summary>The trim level the kept pack was rendered at (<see cref="Rendering.PackTrim"/>).</summary>
    public int? PackTrimLevel { get; init; }
    public string? PackFileId { get; init; }
    /// <summary>Documents uploaded beside the pack (the communication transcript, the refund policy), each with the evidence field it is sent as.</summary>
    public IReadOnlyList<CaseFile> Files { get; init; } = [];
    public string? StageIdempotencyKey { get; init; }
    /// <summary>What was staged, field by field (SHA-256 of each value, file fields by file id): submit checks Stripe still holds exactly this.</summary>
    public IReadOnlyDictionary<string, string>? StagedEvidence { get; init; }
    public DateTimeOffset? StagedAt { get; init; }
    /// <summary>Key of the submission, saved before it is sent so that a restart can tell whether it reached Stripe.</summary>
    public string? SubmitIdempotencyKey { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    /// <summary>Key of the close (accept) request, saved before it is sent.</summary>
    public string? CloseIdempotencyKey { get; init; }
    /// <summary>The idempotency keys in use, by what they send (<c>pack</c>, <c>stage</c>, <c>submit</c>, …): see <see cref="KeyFor"/>.</summary>
    public IReadOnlyDictionary<string, CaseKey> Keys { get; init; } = new Dictionary<string, CaseKey>(StringComparer.Ordinal);
    /// <summary>A person stopped automatic submission; the sweep still keeps the case up to date.</summary>
    public bool OnHold { get; init; }
    public int Attempts { get; init; }
    /// <summary>When failed: the step that failed. Unset on case files written before it was kept (read from the audit trail then).</summary>
    public CaseStep? FailedStep { get; init; }
    /// <summary>When failed: the last state the case reached, where the retry resumes (<see cref="CaseLifecycle.ResumeState"/>).</summary>
    public CaseState? ResumeFrom { get; init; }
    /// <summary>The disputed card's fingerprint, from the charge, for the Radar block list.</summary>
    public string? CardFingerprint { get; init; }
/// <summary>The order and its delivery as gathered, for the review page.</summary>
    public CaseDelivery? Delivery { get; init; }
    /// <summary>The compliance kind (<see cref="Disputes.ComplianceDisputes.Kind"/>) when the network raised the dispute: answering costs a fee a person must accept.</summary>
    public string? Compliance { get; init; }
    /// <summary>Set when the dispute, lost after DisputeKit's answer, was reopened for an appeal.</summary>
    public CaseAppeal? Appeal { get; init; }
    /// <summary>
    /// Set after Stripe refused the evidence as over the card network's page limit: the pack is
    /// rendered one trim level shorter than before, and everything sent within fewer pages than
    /// were refused (documents beside the pack that do not fit are left out; the pack carries them).
    /// </summary>
    public Rendering.PackBudget.Tighter? Shortened { get; init; }
    /// <summary>How the dispute ended, once Stripe closed it (<see cref="Outcomes"/>).</summary>
    public DisputeOutcome? Outcome { get; init; }
    /// <summary>The money the dispute moved, as Stripe recorded it: withdrawn, reinstated, fees.</summary>
    public IReadOnlyList<Disputes.DisputeMoney> Ledger { get; init; } = [];
    /// <summary>Evidence was submitted for this dispute outside DisputeKit (Stripe's submission count).</summary>
    public bool SubmittedElsewhere { get; init; }
    /// <summary>Money at stake, fees, win chance and expected gain of fighting.</summary>
    public Economics.CaseEconomics? Economics { get; init; }
    public required IReadOnlyList<AuditEntry> Audit { get; init; }

    /// <summary>True when evidence was sent for the dispute, by DisputeKit or elsewhere: its outcome says how fought cases of its reason fare.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool WasFought => SubmittedElsewhere || Audit.Any(a => a.To is CaseState.Staged or CaseState.Submitted);

    /// <summary>Every uploaded file by the evidence field that carries it: the pack, then the documents beside it.</summary>
    public IReadOnlyDictionary<string, string> EvidenceFiles()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (PackFileId is { } pack)
        {
            files["service_documentation"] = pack;
        }

        foreach (var file in Files)
        {
            files[file.Field] = file.FileId;
        }

        return files;
    }

    /// <summary>
    /// The key for a request that does <paramref name="purpose"/>, derived as <paramref name="baseKey"/>:
    /// the generation in use, or the next one when Stripe saved a failure under it or it is older
    /// than Stripe keeps keys. The case returned records it (the same case when nothing changed);
    /// save it before sending.
    /// </summary>
    public (DisputeCase Case, string Key) KeyFor(string purpose, string baseKey, DateTimeOffset now)
    {
        var current = Keys.GetValueOrDefault(purpose);
        if (current is not null && current.Base == baseKey && !current.Expired(now))
        {
            return (this, current.Key);
        }

        var next = current is not null && current.Base == baseKey ? new CaseKey(baseKey, current.Generation + 1, now) : new CaseKey(baseKey, 0, now);
        var keys = new Dictionary<string, CaseKey>(Keys, StringComparer.Ordinal) { [purpose] = next };
        var c = this with { Keys = keys };
        if (next.Generation > 0)
        {
            c = c.Record($"{purpose} is sent under a new idempotency key (generation {next.Generation}): "
                + (current!.Spent ? "Stripe replays the failure it saved under the last one" : "the last one is older than Stripe keeps keys"), now);
        }

        return (c, next.Key);
    }

    /// <summary>Marks <paramref name="key"/> as one Stripe saved a failure under: the next request of its kind moves to a new generation.</summary>
    public DisputeCase SpendKey(string key, DateTimeOffset now)
    {
        var (purpose, entry) = Keys.FirstOrDefault(k => k.Value.Key == key && !k.Value.Spent);
        if (entry is null)
        {
            return this;
        }

        var keys = new Dictionary<string, CaseKey>(Keys, StringComparer.Ordinal) { [purpose] = entry with { Spent = true } };
        return (this with { Keys = keys }).Record($"Stripe saved a failure under the {purpose} key {key}; the next attempt uses a new one", now);
    }

    /// <summary>An audit entry that records something done without changing the state.</summary>
    public DisputeCase Record(string cause, DateTimeOffset at) =>
        this with { Audit = [.. Audit, new AuditEntry(at, State, cause, State)] };

    /// <summary>A new state with its audit entry.</summary>
    /// <exception cref="InvalidCaseTransitionException">The lifecycle does not allow the move: a bug in the caller.</exception>
    public DisputeCase MoveTo(CaseState state, string cause, DateTimeOffset at, string? note = null)
    {
        if (!CaseLifecycle.Allows(State, state))
        {
            throw new InvalidCaseTransitionException(DisputeId, State, state, "no step makes this transition");
        }

        if (State == CaseState.Failed && CaseLifecycle.Open.Contains(state) && state != CaseLifecycle.ResumeState(this))
        {
            throw new InvalidCaseTransitionException(DisputeId, State, state, $"a failed case resumes at {CaseLifecycle.ResumeState(this)}, the last state it reached");
        }

        var leavingFailure = State == CaseState.Failed && state != CaseState.Failed;
        return this with
        {
            State = state,
            Note = note,
            FailedStep = leavingFailure ? null : FailedStep,
            ResumeFrom = leavingFailure ? null : ResumeFrom,
            Audit = [.. Audit, new AuditEntry(at, state, cause, State)],
        };
    }

    /// <summary>
    /// The case after <paramref name="step"/> failed: failed, with the step and the last state
    /// reached kept so the next attempt resumes exactly there, and one more attempt counted.
    /// </summary>
    public DisputeCase Fail(CaseStep step, string error, DateTimeOffset at)
    {
        var resumeFrom = State == CaseState.Failed ? CaseLifecycle.ResumeState(this) : State;
        return MoveTo(CaseState.Failed, $"{Describe(step)} failed", at, error) with
        {
            FailedStep = step,
            ResumeFrom = resumeFrom,
            Attempts = Attempts + 1,
        };
    }

    /// <summary>A failed case taken back to the last state it reached, so the step that failed runs again.</summary>
    public DisputeCase Retry(DateTimeOffset at)
    {
        var resume = CaseLifecycle.ResumeState(this);
        var step = FailedStep ?? CaseLifecycle.StepFrom(resume);
        return MoveTo(resume, $"retrying {Describe(step)} (attempt {Attempts + 1})", at);
    }

    private static string Describe(CaseStep step) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(step.ToString()).Replace('_', ' ');

    public static DisputeCase Discover(Disputes.Dispute dispute, DateTimeOffset at) => new()
    {
        DisputeId = dispute.Id,
        State = CaseState.Discovered,
        Reason = dispute.Reason,
        Status = dispute.Status,
        Amount = dispute.Amount,
        Currency = dispute.Currency,
        DueBy = dispute.DueBy,
        DisputedAt = dispute.Created,
        Compliance = Disputes.ComplianceDisputes.Kind(dispute),
        ChargeId = dispute.ChargeId,
        Audit = [new AuditEntry(at, CaseState.Discovered, "listed on Stripe")],
    };
}

/// <summary>A document uploaded to Stripe for the dispute: the evidence field it is sent as, its file id, and its size.</summary>
public sealed record CaseFile(string Field, string FileId, int Pages, long Bytes);
