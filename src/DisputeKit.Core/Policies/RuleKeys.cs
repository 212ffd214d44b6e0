namespace DisputeKit.Core.Policies;

/// <summary>The rule keys the policy engine cites.</summary>
public static class RuleKeys
{
    public const string ContactFirst = "contact_first";
    public const string Investigation = "investigation";
    public const string FullRefund = "full_refund";
    public const string DeliveryOnly = "delivery_only";
    public const string PartialDelivery = "partial_delivery";
    public const string DropGuarantee = "drop_guarantee";
    public const string DropTolerance = "drop_tolerance";
    public const string AutomaticServices = "automatic_services";
    public const string Accounts = "accounts";
    public const string RecurringPayments = "recurring_payments";
    public const string NotAsDescribed = "not_as_described";
    /// <summary>Optional: what the policy announces for chargebacks (account suspension, purchase limits).</summary>
    public const string Chargebacks = "chargebacks";

    /// <summary>Rules every policy states; the others come with the parameter that switches them on.</summary>
    public static IReadOnlyList<string> Always { get; } =
        [ContactFirst, Investigation, FullRefund, DeliveryOnly, RecurringPayments];
}
