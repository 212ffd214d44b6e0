namespace DisputeKit.Core.Cases;

/// <summary>The steps that move a case from one state to the next (<see cref="CaseLifecycle.Transitions"/>).</summary>
public enum CaseStep
{
    /// <summary>The order, customer, delivery and messages read from the seller's records.</summary>
    Gather,
    /// <summary>The verdict from the refund policy, the expected value, and the flag proposal.</summary>
    Decide,
    /// <summary>The evidence pack printed within the page and size budget and kept.</summary>
    Render,
    /// <summary>The pack uploaded to Stripe.</summary>
    UploadPack,
    /// <summary>Each document beside the pack (transcript, policy) uploaded while the budget allows.</summary>
    UploadDocuments,
    /// <summary>The evidence staged on Stripe with <c>submit=false</c>.</summary>
    Stage,
    /// <summary>The staged evidence sent to the bank.</summary>
    Submit,
    /// <summary>The dispute closed on Stripe: the customer keeps the money.</summary>
    Accept,
    /// <summary>Left for a person, with the reason.</summary>
    SetAside,
    /// <summary>No response is possible (closed, past due, submitted elsewhere).</summary>
    Skip,
    /// <summary>A submission or close that reached Stripe before the process stopped, recorded as Stripe shows it.</summary>
    Reconcile,
    /// <summary>A failed case taken back to the last state it reached, to run the step that failed again.</summary>
    Retry,
    /// <summary>A step failed.</summary>
    Fail,
    /// <summary>Stripe refused the evidence as over the network's page limit: back to render, one trim level shorter.</summary>
    Shorten,
    /// <summary>A lost case reopened for an appeal: the appeal's reason and supporting files staged on Stripe.</summary>
    Appeal,
}
