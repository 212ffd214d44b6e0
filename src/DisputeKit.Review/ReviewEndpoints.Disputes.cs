using System.Collections.Concurrent;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Sweeps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DisputeKit.Review;

/// <summary>
/// Finance's pages: the dispute queue, the case, and the person-made steps on it (submit, accept,
/// hold, a fresh preview), through <see cref="CaseActions"/> and <see cref="PackPreview"/> as the
/// command line's <c>submit</c>, <c>accept</c>, <c>hold</c> and <c>pack</c> do. Only finance may
/// act (403 otherwise, nothing changed); every action claims the case first, as the commands do.
/// </summary>
public static partial class ReviewEndpoints
{
    /// <summary>How long an action waits for a sweep that is working the same case.</summary>
    private static readonly TimeSpan ClaimWait = TimeSpan.FromSeconds(30);

    private static void MapDisputePages(WebApplication app)
    {
        app.MapGet("/disputes", QueueAsync);
        app.MapGet("/disputes/{disputeId}", CaseAsync);
        app.MapGet("/disputes/{disputeId}/submit", SubmitPageAsync);
        app.MapPost("/disputes/{disputeId}/submit", SubmitAsync);
        app.MapGet("/disputes/{disputeId}/accept", AcceptPageAsync);
        app.MapPost("/disputes/{disputeId}/accept", AcceptAsync);
        app.MapPost("/disputes/{disputeId}/hold", HoldAsync);
        app.MapPost("/disputes/{disputeId}/preview", PreviewAsync);
        app.MapGet("/disputes/{disputeId}/preview.pdf", PreviewPdf);
        app.MapGet("/outcomes", OutcomesAsync);
        app.MapGet("/outcomes.csv", OutcomesCsvAsync);
    }

    private static Task<IResult> OutcomesAsync(HttpContext context, ReviewSessions sessions, ReviewTemplates pages, Core.Reports.OutcomeReportReader reports) =>
        WithReportAsync(context, sessions, pages, reports, (session, report) => Page(pages.Render("outcomes", "Outcomes", session, OutcomesPage.Of(report))));

    private static Task<IResult> OutcomesCsvAsync(HttpContext context, ReviewSessions sessions, ReviewTemplates pages, Core.Reports.OutcomeReportReader reports) =>
        WithReportAsync(context, sessions, pages, reports, (session, report) =>
        {
            var table = context.Request.Query["table"].ToString() is { Length: > 0 } t ? t : null;
            if (table == "volume")
            {
                return Results.File(System.Text.Encoding.UTF8.GetBytes(Core.Reports.OutcomeReports.VolumeCsv(report)), "text/csv; charset=utf-8", "outcomes-volume.csv");
            }

            return table is not null && report.Tables.All(x => x.Id != table)
                ? Message(pages, session, "Not found", $"There is no table '{table}'; the tables are {string.Join(", ", report.Tables.Select(x => x.Id))} and volume.", StatusCodes.Status404NotFound)
                : Results.File(System.Text.Encoding.UTF8.GetBytes(Core.Reports.OutcomeReports.Csv(report, table)), "text/csv; charset=utf-8", $"outcomes-{table ?? "all"}.csv");
        });

    /// <summary>The report of the period the query names, for anyone signed in; a bad period is named (400).</summary>
    private static async Task<IResult> WithReportAsync(HttpContext context, ReviewSessions sessions, ReviewTemplates pages, Core.Reports.OutcomeReportReader reports,
        Func<ReviewSession, Core.Reports.OutcomeReport, IResult> answer)
    {
        if (Authorize(context, sessions) is not { } session)
        {
            return SignInFirst(context, pages);
        }

        var period = Period(context.Request.Query);
        if (period.Problem is { } problem)
        {
            return Message(pages, session, "Bad period", problem, StatusCodes.Status400BadRequest);
        }

        return answer(session, await reports.BuildAsync(period.From, period.To, context.RequestAborted));
    }

    /// <summary>The period of <c>from</c> and <c>to</c> (days, either may be left out), or what is wrong with it.</summary>
    private static (DateOnly? From, DateOnly? To, string? Problem) Period(IQueryCollection query)
    {
        DateOnly? Day(string name, out string? problem)
        {
            problem = null;
            var text = query[name].ToString();
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
            {
                return day;
            }

            problem = $"'{text}' is not a day like 2026-01-31 ({name}).";
            return null;
        }

        var from = Day("from", out var fromProblem);
        var to = Day("to", out var toProblem);
        var problem = fromProblem ?? toProblem ?? (from > to ? $"The period starts ({from:yyyy-MM-dd}) after it ends ({to:yyyy-MM-dd})." : null);
        return (from, to, problem);
    }

    private static async Task<IResult> QueueAsync(HttpContext context, ReviewSessions sessions, ReviewTemplates pages, DisputeQueue queue)
    {
        if (Authorize(context, sessions) is not { } session)
        {
            return SignInFirst(context, pages);
        }

        var (query, problem) = DisputeQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return Message(pages, session, "Bad filter", problem!, StatusCodes.Status400BadRequest);
        }

        return Page(pages.Render("queue", "Disputes", session, await queue.PageAsync(query, context.RequestAborted)));
    }

    private static async Task<IResult> CaseAsync(string disputeId, HttpContext context, ReviewSessions sessions, ReviewTemplates pages, DisputePages reader, PackPreviews previews)
    {
        if (Authorize(context, sessions) is not { } session)
        {
            return SignInFirst(context, pages);
        }

        var page = PlausibleId(disputeId) ? await reader.CaseAsync(disputeId, session.Role, previews.Has(disputeId), context.RequestAborted) : null;
        return page is null
            ? Message(pages, session, "Not found", $"No case is kept for dispute {disputeId}; a sweep makes one when Stripe lists the dispute.", StatusCodes.Status404NotFound)
            : Page(pages.Render("case", disputeId, session, page));
    }

    private static Task<IResult> SubmitPageAsync(string disputeId, HttpContext context, ReviewSessions sessions, ReviewTemplates pages, DisputePages reader) =>
        ConfirmationPageAsync(disputeId, "submit", "submit evidence", $"Submit {disputeId}", context, sessions, pages, reader.SubmitAsync);

    private static Task<IResult> AcceptPageAsync(string disputeId, HttpContext context, ReviewSessions sessions, ReviewTemplates pages, DisputePages reader) =>
        ConfirmationPageAsync(disputeId, "accept", "accept disputes", $"Accept {disputeId}", context, sessions, pages,
            async (id, ct) => await reader.CaseAsync(id, ReviewRoles.Finance, hasPreview: false, ct));

    /// <summary>The page that asks finance to confirm an action that cannot be undone (only finance sees it).</summary>
    private static async Task<IResult> ConfirmationPageAsync<T>(string disputeId, string template, string what, string title, HttpContext context,
        ReviewSessions sessions, ReviewTemplates pages, Func<string, CancellationToken, Task<T?>> read) where T : class
    {
        if (Authorize(context, sessions) is not { } session)
        {
            return SignInFirst(context, pages);
        }

        if (!ReviewRoles.AnswersDisputes(session.Role))
        {
            return NotFinance(pages, session, what);
        }

        var page = PlausibleId(disputeId) ? await read(disputeId, context.RequestAborted) : null;
        return page is null
            ? Message(pages, session, "Not found", $"No case is kept for dispute {disputeId}.", StatusCodes.Status404NotFound)
            : Page(pages.Render(template, title, session, page));
    }

    private static Task<IResult> SubmitAsync(string disputeId, HttpContext context, ReviewSessions sessions, ReviewTemplates pages, ICaseStore cases, CaseActions actions,
        TimeProvider clock, ILogger<ReviewSessions> logger) =>
        ActOnCaseAsync(disputeId, "submit", context, sessions, pages, cases, logger, async (form, by, ct) =>
        {
            if (form["confirm"] != "yes")
            {
                return new ActionResult(false, "Nothing was sent: the submission was not confirmed.", null);
            }

            var staged = await cases.GetAsync(disputeId, ct);
            if (staged is null)
            {
                return new ActionResult(false, $"No case is kept for dispute {disputeId}.", null);
            }

            var acknowledged = form["acknowledge_fee"] == "yes";
            if (staged.Compliance is not null && !acknowledged)
            {
                return new ActionResult(false, "Nothing was sent: this is a compliance dispute, and answering it costs the network's fee. Tick the box accepting the fee to submit.", staged);
            }

            var allowed = Core.Submission.SubmissionPolicy.CanSubmitByHand(staged, clock.GetUtcNow(), acknowledged);
            if (!allowed.Submit)
            {
                return new ActionResult(false, $"Refused: {allowed.Reason}.", staged);
            }

            return await actions.SubmitAsync(staged, $"submitted by {by}", null, acknowledged, ct);
        });

    private static Task<IResult> AcceptAsync(string disputeId, HttpContext context, ReviewSessions sessions, ReviewTemplates pages, ICaseStore cases, CaseActions actions,
        TimeProvider clock, ILogger<ReviewSessions> logger) =>
        ActOnCaseAsync(disputeId, "accept", context, sessions, pages, cases, logger, async (form, by, ct) =>
        {
            if (form["confirm"] != "yes")
            {
                return new ActionResult(false, "Nothing was done: accepting was not confirmed.", null);
            }

            var c = await cases.GetAsync(disputeId, ct);
            if (c is null)
            {
                return new ActionResult(false, $"No case is kept for dispute {disputeId}.", null);
            }

            return DisputePages.AcceptRefusal(c, clock.GetUtcNow()) is { } refusal
                ? new ActionResult(false, "Refused: " + refusal, c)
                : await actions.AcceptAsync(disputeId, by, ct);
        });

    private static Task<IResult> HoldAsync(string disputeId, HttpContext context, ReviewSessions sessions, ReviewTemplates pages, ICaseStore cases, CaseActions actions,
        ILogger<ReviewSessions> logger) =>
        ActOnCaseAsync(disputeId, "hold", context, sessions, pages, cases, logger, (form, by, ct) => form["action"].ToString() switch
        {
            "hold" => actions.HoldAsync(disputeId, true, form["note"].ToString(), by, ct),
            "release" => actions.HoldAsync(disputeId, false, form["note"].ToString(), by, ct),
            var other => Task.FromResult(new ActionResult(false, $"'{other}' is neither hold nor release; nothing was changed.", null)),
        });

    private static async Task<IResult> PreviewAsync(string disputeId, HttpContext context, ReviewSessions sessions, ReviewTemplates pages, PackPreview preview,
        PackPreviews previews, ILogger<ReviewSessions> logger)
    {
        var (session, refusal) = await AuthorizePostAsync(context, sessions, pages);
        if (session is null)
        {
            return refusal!;
        }

        if (!ReviewRoles.AnswersDisputes(session.Role))
        {
            return NotFinance(pages, session, "render previews");
        }

        if (!PlausibleId(disputeId))
        {
            return Results.NotFound();
        }

        try
        {
            var pack = await preview.RenderAsync(disputeId, PackDocument.Pack, context.RequestAborted);
            previews.Keep(disputeId, pack.Pdf);
            session.Flash = new Flash(pack.OverBudget is null, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"A fresh preview was rendered from the records as they are now: {pack.Pages} pages, {DisputePages.Size(pack.Pdf.Length)}{(pack.OverBudget is { } over ? ". " + over : ".")} Nothing was sent."));
        }
        catch (Exception e) when (e is DisputeGatewayException or DisputeGatewayUnavailableException or InvalidDataException or IOException)
        {
            session.Flash = new Flash(false, $"No preview: {e.Message}");
        }

        Log.CaseActed(logger, session.User, "preview", disputeId, session.Flash!.Ok ? "Done" : "Refused");
        return new SeeOtherResult(DisputePages.CaseUrl(disputeId));
    }

    private static IResult PreviewPdf(string disputeId, HttpContext context, ReviewSessions sessions, ReviewTemplates pages, PackPreviews previews)
    {
        if (Authorize(context, sessions) is null)
        {
            return SignInFirst(context, pages);
        }

        return PlausibleId(disputeId) && previews.Get(disputeId) is { } pdf
            ? Results.File(pdf, "application/pdf", $"{disputeId}.preview.pdf", enableRangeProcessing: false)
            : Results.NotFound($"No preview of dispute {disputeId} is kept; render one from the case page.");
    }

    /// <summary>
    /// The shape of every action on a case: signed in, the form token, the finance role, the case
    /// claimed (waiting for a sweep working it), the action, the outcome shown once on the case page.
    /// </summary>
    private static async Task<IResult> ActOnCaseAsync(string disputeId, string action, HttpContext context, ReviewSessions sessions, ReviewTemplates pages,
        ICaseStore cases, ILogger<ReviewSessions> logger, Func<IFormCollection, string, CancellationToken, Task<ActionResult>> act)
    {
        var (session, refusal) = await AuthorizePostAsync(context, sessions, pages);
        if (session is null)
        {
            return refusal!;
        }

        if (!ReviewRoles.AnswersDisputes(session.Role))
        {
            Log.CaseActionRefused(logger, session.User, session.Role, action, disputeId);
            return NotFinance(pages, session, action + " disputes");
        }

        if (!PlausibleId(disputeId))
        {
            return Results.NotFound();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var ct = context.RequestAborted;
        ActionResult result;
        try
        {
            await using var claim = await cases.ClaimAsync(disputeId, ClaimWait, ct);
            result = await act(form, $"{session.User} ({session.Role})", ct);
        }
        catch (Exception e) when (e is CaseBusyException or EvidenceRefusedException or DisputeGatewayException or DisputeGatewayUnavailableException)
        {
            result = new ActionResult(false, e.Message, null);
        }

        Log.CaseActed(logger, session.User, action, disputeId, result.Done ? "Done" : "Refused");
        session.Flash = new Flash(result.Done, result.Message);
        return new SeeOtherResult(DisputePages.CaseUrl(disputeId));
    }

    private static IResult NotFinance(ReviewTemplates pages, ReviewSession session, string what) =>
        Message(pages, session, "Refused", $"Signed in as {session.User} ({session.Role}): only finance may {what}. Nothing was changed.", StatusCodes.Status403Forbidden);
}

/// <summary>The latest fresh preview of each dispute rendered from the case page, kept in this process for a while (the last 20).</summary>
public sealed class PackPreviews
{
    private const int Kept = 20;
    private readonly ConcurrentDictionary<string, byte[]> _pdfs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Keep(string disputeId, byte[] pdf)
    {
        _pdfs[disputeId] = pdf;
        _order.Enqueue(disputeId);
        while (_order.Count > Kept && _order.TryDequeue(out var old))
        {
            if (!_order.Contains(old))
            {
                _pdfs.TryRemove(old, out _);
            }
        }
    }

    public bool Has(string disputeId) => _pdfs.ContainsKey(disputeId);

    public byte[]? Get(string disputeId) => _pdfs.TryGetValue(disputeId, out var pdf) ? pdf : null;
}
