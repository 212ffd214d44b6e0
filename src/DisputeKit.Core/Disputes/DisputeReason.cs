namespace DisputeKit.Core.Disputes;

/// <summary>Stripe's documented dispute reasons. Stripe may add more; treat others as unknown.</summary>
public static class DisputeReason
{
    public const string BankCannotProcess = "bank_cannot_process";
    public const string CheckReturned = "check_returned";
    public const string CreditNotProcessed = "credit_not_processed";
    public const string CustomerInitiated = "customer_initiated";
    public const string DebitNotAuthorized = "debit_not_authorized";
    public const string Duplicate = "duplicate";
    public const string Fraudulent = "fraudulent";
    public const string General = "general";
    public const string IncorrectAccountDetails = "incorrect_account_details";
    public const string InsufficientFunds = "insufficient_funds";
    public const string Noncompliant = "noncompliant";
    public const string ProductNotReceived = "product_not_received";
    public const string ProductUnacceptable = "product_unacceptable";
    public const string SubscriptionCanceled = "subscription_canceled";
    public const string Unrecognized = "unrecognized";

    /// <summary>Reasons the refund policy answers: a consumer dispute or an identity claim.</summary>
    public static IReadOnlySet<string> PolicyReasons { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CreditNotProcessed, Duplicate, Fraudulent, General, ProductNotReceived, ProductUnacceptable,
        SubscriptionCanceled, Unrecognized,
    };

    /// <summary>
    /// Claims that the cardholder did not make the purchase. A missing support contact is no
    /// argument against these: real theft victims dispute without writing to the seller.
    /// </summary>
    public static bool IsIdentityClaim(string reason) => reason is Fraudulent or Unrecognized;
}
