using System.Text.Json.Nodes;
using DisputeKit.Core.Rendering;
using Shouldly;
using DisputeKit.Rendering.Pdf;

namespace DisputeKit.Cli.Tests.Commands;

/// <summary>
/// What a sweep sent to the Stripe fake beside each staged pack, checked against the case
/// records: every file a case names was uploaded and staged under its field, everything sent
/// for a dispute fits the budget, and every document left out says why in the audit trail.
/// </summary>
internal static class EvidenceFiles
{
    public static readonly string[] BesidePack = ["customer_communication", "refund_policy"];

    /// <returns>How many documents were sent beside packs, and how many were left out for the budget.</returns>
    public static (int Sent, int LeftOutForBudget) Check(string data, int maxPages, long maxBytes)
    {
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(data, "stripe-fake", "state.json")))!;
        var files = state["Files"]!.AsArray().Cast<JsonObject>().ToDictionary(f => f["id"]!.GetValue<string>());
        var staging = state["Requests"]!.AsArray().Cast<JsonObject>()
            .Where(r => r["Method"]!.GetValue<string>() == "POST" && r["Status"]!.GetValue<int>() == 200
                && r["Path"]!.GetValue<string>().StartsWith("/v1/disputes/", StringComparison.Ordinal))
            .ToDictionary(r => r["Path"]!.GetValue<string>()["/v1/disputes/".Length..], r => r["Form"]!.AsObject());

        var (sent, leftOut) = (0, 0);
        foreach (var c in Directory.GetFiles(Path.Combine(data, "cases"), "*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())
                     .Where(c => c["state"]!.GetValue<string>() == "staged"))
        {
            var id = c["dispute_id"]!.GetValue<string>();
            var form = staging[id];
            var pack = files[c["pack_file_id"]!.GetValue<string>()];
            pack["filename"]!.GetValue<string>().ShouldBe($"{id}-evidence.pdf");
            var pages = PdfFile.PageCount(File.ReadAllBytes(Path.Combine(data, "packs", id + ".pdf")));
            var bytes = pack["size"]!.GetValue<long>();
            var audit = c["audit"]!.AsArray().Select(a => a!["cause"]!.GetValue<string>()).ToList();

            var caseFiles = c["files"]?.AsArray().Cast<JsonObject>().ToDictionary(f => f["field"]!.GetValue<string>()) ?? [];
            foreach (var field in BesidePack)
            {
                var described = field == "customer_communication" ? PackDocument.Transcript.Describe() : PackDocument.Policy.Describe();
                if (caseFiles.TryGetValue(field, out var file))
                {
                    var fileId = file["file_id"]!.GetValue<string>();
                    form[$"evidence[{field}]"]!.GetValue<string>().ShouldBe(fileId, $"{id} stages {field}");
                    files[fileId]["size"]!.GetValue<long>().ShouldBe(file["bytes"]!.GetValue<long>(), id);
                    files[fileId]["filename"]!.GetValue<string>().ShouldBe($"{id}-{(field == "customer_communication" ? "transcript" : "policy")}.pdf");
                    audit.ShouldContain(a => a.StartsWith($"{described} uploaded to Stripe as {field}", StringComparison.Ordinal), id);
                    pages += file["pages"]!.GetValue<int>();
                    bytes += file["bytes"]!.GetValue<long>();
                    sent++;
                }
                else
                {
                    form.ContainsKey($"evidence[{field}]").ShouldBeFalse($"{id} stages no {field}");
                    var why = audit.Where(a => a.StartsWith($"{described} not sent as {field}: ", StringComparison.Ordinal)).ToList().ShouldHaveSingleItem($"{id}: why no {field}");
                    if (why.Contains("over the budget", StringComparison.Ordinal))
                    {
                        why.ShouldContain($"budget of {maxPages} pages and {maxBytes:N0} bytes");
                        leftOut++;
                    }
                    else
                    {
                        why.ShouldContain("no messages were exchanged with the customer");
                    }
                }
            }

            pages.ShouldBeLessThanOrEqualTo(maxPages, $"{id}: pages sent in all");
            bytes.ShouldBeLessThanOrEqualTo(maxBytes, $"{id}: bytes sent in all");
        }

        return (sent, leftOut);
    }
}
