namespace DisputeKit.Core.Policies;

/// <summary>The rule keys a policy file must define.</summary>
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
    public const string Chargebacks = "chargebacks";

    public static IReadOnlyList<string> Required { get; } =
    [
        ContactFirst, Investigation, FullRefund, DeliveryOnly, PartialDelivery, DropGuarantee, DropTolerance,
        AutomaticServices, Accounts, RecurringPayments, Chargebacks,
    ];
}
