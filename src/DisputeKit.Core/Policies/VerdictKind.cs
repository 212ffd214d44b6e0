namespace DisputeKit.Core.Policies;

/// <summary>What to do with a dispute.</summary>
public enum VerdictKind
{
    /// <summary>The policy was followed: answer with evidence.</summary>
    Fight,
    /// <summary>The policy owes the customer a full refund: do not fight.</summary>
    Accept,
    /// <summary>The policy owes the customer part of the amount.</summary>
    Partial,
    /// <summary>Facts are missing or contradictory: a person decides.</summary>
    Review,
}
