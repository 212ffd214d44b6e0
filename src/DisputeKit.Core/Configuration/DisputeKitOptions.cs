using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Core.Configuration;

/// <summary>Where DisputeKit keeps and reads things (section <c>DisputeKit</c>).</summary>
public sealed class DisputeKitOptions
{
    public const string SectionName = "DisputeKit";

    /// <summary>Folder for cases, packs, flags and sweep summaries. Default <c>data</c>.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>Folder of the seller's records in the merchant-data format. Default <c>samples/default</c>.</summary>
    [Required]
    public string MerchantDataPath { get; set; } = "samples/default";

    /// <summary>Folder holding <c>pack/</c> and <c>policies/</c>. Default <c>templates</c>.</summary>
    [Required]
    public string TemplatesPath { get; set; } = "templates";

    /// <summary>The refund policy file under <c>templates/policies/</c>. Default <c>viplikes-refund</c>.</summary>
    [Required]
    public string PolicyId { get; set; } = "viplikes-refund";

    /// <summary>
    /// Runs the clock from this instant instead of now (replaying a snapshot of records). Unset: real time,
    /// except that the embedded default replays the sample set from its <c>as_of</c>.
    /// </summary>
    public DateTimeOffset? ReplayAt { get; set; }

    /// <summary>Largest evidence pack sent to Stripe, bytes (networks' budget, with margin). Default 4,000,000.</summary>
    [Range(10_000, 5_000_000)]
    public int MaxPackBytes { get; set; } = 4_000_000;

    /// <summary>Most pages in an evidence pack (Mastercard's 19). Longer histories are shortened, with a note, to fit. Default 19.</summary>
    [Range(2, 49)]
    public int MaxPackPages { get; set; } = 19;

    /// <summary>
    /// How many disputes a sweep works at once (each case still by one task, each step saved
    /// before the next; the most urgent deadline taken first). Default 4: on 2 cores one case's
    /// Chromium print overlaps another's Stripe calls and gathering.
    /// </summary>
    [Range(1, 32)]
    public int SweepConcurrency { get; set; } = 4;
}
