namespace DisputeKit.Core.Cases;

/// <summary>One transition of a case, with when and why; <paramref name="From"/> is null for the first.</summary>
public sealed record AuditEntry(DateTimeOffset At, CaseState To, string Cause, CaseState? From = null);
