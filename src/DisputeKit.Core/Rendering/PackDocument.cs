namespace DisputeKit.Core.Rendering;

/// <summary>
/// The documents made from one pack model, each from its own template under
/// <c>templates/pack/</c>, and the evidence field each is sent to Stripe as.
/// </summary>
public enum PackDocument
{
    /// <summary>The whole evidence pack (<c>pack.hbs</c>), sent as <c>service_documentation</c>.</summary>
    Pack,

    /// <summary>The communication history on its own (<c>transcript.hbs</c>), sent as <c>customer_communication</c>.</summary>
    Transcript,

    /// <summary>The refund policy as the customer accepted it (<c>policy.hbs</c>), sent as <c>refund_policy</c>.</summary>
    Policy,
}

public static class PackDocuments
{
    /// <summary>Every document, in the order they are made and sent.</summary>
    public static IReadOnlyList<PackDocument> All { get; } = [PackDocument.Pack, PackDocument.Transcript, PackDocument.Policy];

    /// <summary>The template's file name under <c>templates/pack/</c>.</summary>
    public static string Template(this PackDocument document) => document switch
    {
        PackDocument.Transcript => "transcript.hbs",
        PackDocument.Policy => "policy.hbs",
        _ => "pack.hbs",
    };

    /// <summary>The Stripe evidence field that carries the document's file id.</summary>
    public static string EvidenceField(this PackDocument document) => document switch
    {
        PackDocument.Transcript => "customer_communication",
        PackDocument.Policy => "refund_policy",
        _ => "service_documentation",
    };

    /// <summary>How people and the audit trail name the document.</summary>
    public static string Describe(this PackDocument document) => document switch
    {
        PackDocument.Transcript => "communication transcript",
        PackDocument.Policy => "refund policy",
        _ => "evidence pack",
    };

    /// <summary>The PDF's title.</summary>
    public static string Title(this PackDocument document, PackModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return document == PackDocument.Pack ? model.Title : $"Dispute {model.DisputeId} — {document.Describe()}";
    }
}
