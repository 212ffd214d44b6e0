using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DisputeKit.Review;

/// <summary>
/// The review page's routes. Nothing but the sign-in form and its stylesheet is served without a
/// session (401); every POST must carry the session's form token (403 otherwise); both refusals
/// change nothing. Actions go through <see cref="FlagDesk"/>, as the command line's do.
/// </summary>
public static partial class ReviewEndpoints
{
    public static WebApplication MapReviewPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<ReviewOptions>();
        if (options.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        if (options.Hsts)
        {
            app.UseHsts();
        }

        app.UseRateLimiter();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cache-Control"] = "no-store";

            // Pages are never framed; a pack may be, by the case page of this same site, which shows it beside the facts.
            if (context.Request.Path.Value!.EndsWith(".pdf", StringComparison.Ordinal))
            {
                headers["X-Frame-Options"] = "SAMEORIGIN";
                headers["Content-Security-Policy"] = "frame-ancestors 'self'";
            }
            else
            {
                headers["X-Frame-Options"] = "DENY";
                headers["Content-Security-Policy"] = "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            }

            await next(context);
        });

        app.MapGet("/review.css", (ReviewTemplates pages) => Results.Text(pages.Css, "text/css; charset=utf-8"));
        app.MapGet("/", (HttpContext context, ReviewSessions sessions, ReviewTemplates pages) =>
            Authorize(context, sessions) is { } session ? Results.Redirect(ReviewRoles.Home(session.Role)) : SignInFirst(context, pages));
        app.MapGet("/signin", (HttpContext context, ReviewTemplates pages, IAntiforgery antiforgery) =>
            SignInPage(context, pages, antiforgery, LocalPath(context.Request.Query["return"])));
        app.MapPost("/signin", SignInAsync);
        app.MapPost("/signout", SignOutAsync);
        app.MapGet("/flags", ListAsync);
        app.MapGet("/flags/{customerId}", FlagAsync);
        app.MapPost("/flags/{customerId}/{action}", ActAsync);
        app.MapGet("/disputes/{disputeId}/pack.pdf", PackAsync);
        MapDisputePages(app);
        return app;
    }

    /// <summary>The anti-forgery cookie and form field of the sign-in form (login CSRF); the session's own form token guards every other form.</summary>
    public const string SignInFormCookie = "dk_signin";

    public const string SignInFormField = "signin_token";

    private static async Task<IResult> SignInAsync(
        HttpContext context, ReviewSessions sessions, ReviewTemplates pages, IAntiforgery antiforgery, ILogger<ReviewSessions> logger)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        string? name = form["name"];
        var returnTo = LocalPath(form["return"]);
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            // A form posted from another site (or an old page): nobody is signed in, whatever it carries.
            Log.SignInRefused(logger, name ?? string.Empty, "no sign-in form token");
            return SignInPage(context, pages, antiforgery, returnTo, name,
                "This sign-in did not come from this page's form, or the form is too old. Sign in again here.", StatusCodes.Status400BadRequest);
        }

        var (result, session) = sessions.SignIn(name, form["password"]);
        if (result == ReviewSessions.SignInResult.SignedIn)
        {
            Log.SignedIn(logger, session!.User);
            context.Response.Cookies.Append(ReviewSessions.Cookie, session.Id, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
            });
            return new SeeOtherResult(returnTo);
        }

        Log.SignInRefused(logger, name ?? string.Empty, result.ToString());
        return SignInPage(context, pages, antiforgery, returnTo, name, "Wrong name or password.", StatusCodes.Status401Unauthorized);
    }

    /// <summary>The answer when the rate limiter refuses a sign-in attempt: the form again, 429, and when to try.</summary>
    internal static async ValueTask SignInRefusedAsync(HttpContext context, TimeSpan retryAfter)
    {
        var services = context.RequestServices;
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        Log.SignInLimited(services.GetRequiredService<ILogger<ReviewSessions>>(), context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        context.Response.Headers.RetryAfter = (minutes * 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = SignInPage(context, services.GetRequiredService<ReviewTemplates>(), services.GetRequiredService<IAntiforgery>(), "/", null,
            $"Too many sign-in attempts; nothing was checked. Try again in {minutes} minute{(minutes == 1 ? string.Empty : "s")}.",
            StatusCodes.Status429TooManyRequests);
        await page.ExecuteAsync(context);
    }

    /// <summary>The sign-in form, with a fresh anti-forgery token (and its cookie).</summary>
    private static IResult SignInPage(
        HttpContext context, ReviewTemplates pages, IAntiforgery antiforgery, string returnTo, string? name = null, string? problem = null, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return Page(
            pages.Render("signin", "Sign in", null, extra: new()
            {
                ["return_to"] = returnTo,
                ["name"] = name,
                ["problem"] = problem,
                ["form_field"] = tokens.FormFieldName,
                ["form_token"] = tokens.RequestToken,
            }),
            status);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, ReviewSessions sessions, ReviewTemplates pages)
    {
        var (session, refusal) = await AuthorizePostAsync(context, sessions, pages);
        if (session is null)
        {
            return refusal!;
        }

        sessions.End(session);
        context.Response.Cookies.Delete(ReviewSessions.Cookie, new CookieOptions { Path = "/" });
        return new SeeOtherResult("/signin");
    }

    private static async Task<IResult> ListAsync(HttpContext context, ReviewSessions sessions, ReviewTemplates pages, FlagReviewReader reader)
    {
        if (Authorize(context, sessions) is not { } session)
        {
            return SignInFirst(context, pages);
        }

        var q = context.Request.Query;
        var query = new FlagQuery(
            string.IsNullOrEmpty(q["state"]) ? "open" : q["state"].ToString(),
            q["reason"].ToString() is { Length: > 0 } reason ? reason : null,
            q["age"].ToString() is { Length: > 0 } age ? age : null);
        if (query.Problem() is { } problem)
        {
            return Message(pages, session, "Bad filter", problem, StatusCodes.Status400BadRequest);
        }

        var list = await reader.ListAsync(query, context.RequestAborted);
        return Page(pages.Render("list", "Flagged accounts", session, list));
    }

    private static async Task<IResult> FlagAsync(string customerId, HttpContext context, ReviewSessions sessions, ReviewTemplates pages, FlagReviewReader reader)
    {
        if (Authorize(context, sessions) is not { } session)
        {
            return SignInFirst(context, pages);
        }

        if (!PlausibleId(customerId))
        {
            return Message(pages, session, "Not found", "There is no such customer.", StatusCodes.Status404NotFound);
        }

        var page = await reader.PageAsync(customerId, context.RequestAborted);
        return page is null
            ? Message(pages, session, "Not found", $"Customer {customerId} has never been flagged.", StatusCodes.Status404NotFound)
            : Page(pages.Render("flag", page.Name ?? customerId, session, page));
    }

    private static async Task<IResult> ActAsync(
        string customerId, string action, HttpContext context, ReviewSessions sessions, ReviewTemplates pages, IFlagStore flags, FlagDesk desk, ILogger<ReviewSessions> logger)
    {
        var (session, refusal) = await AuthorizePostAsync(context, sessions, pages);
        if (session is null)
        {
            return refusal!;
        }

        if (action is not ("confirm" or "lift" or "note"))
        {
            return Results.NotFound();
        }

        if (!ReviewRoles.DecidesFlags(session.Role))
        {
            Log.FlagActionRefused(logger, session.User, session.Role, action, customerId);
            return Message(pages, session, "Refused", $"Signed in as {session.User} ({session.Role}): only support may {action} flags. Nothing was changed.", StatusCodes.Status403Forbidden);
        }

        if (!PlausibleId(customerId))
        {
            return Results.NotFound();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var back = FlagReviewReader.FlagUrl(customerId);
        var open = await flags.GetOpenAsync(customerId, context.RequestAborted);
        if (open is null || open.Id != form["flag"])
        {
            session.Flash = new Flash(false, $"The flag on {customerId} changed since the page was shown (now {open?.State ?? "closed"}); nothing was done. Look again.");
            return new SeeOtherResult(back);
        }

        var by = FlagActor.Person(session.User);
        var ct = context.RequestAborted;
        var outcome = action switch
        {
            "confirm" => await desk.ConfirmAsync(customerId, form["action"].ToString(), by, form["reason"].ToString(), ct),
            "lift" => await desk.LiftAsync(customerId, by, form["reason"].ToString(), ct),
            _ => await desk.NoteAsync(customerId, by, form["text"].ToString(), ct),
        };
        Log.Acted(logger, session.User, action, customerId, outcome.Kind.ToString());
        session.Flash = new Flash(outcome.Kind == FlagOutcomeKind.Done, outcome.Kind == FlagOutcomeKind.Done && action == "note" ? "Note added." : outcome.Message);
        return new SeeOtherResult(back);
    }

    private static async Task<IResult> PackAsync(string disputeId, HttpContext context, ReviewSessions sessions, ReviewTemplates pages, ICaseStore cases)
    {
        if (Authorize(context, sessions) is null)
        {
            return SignInFirst(context, pages);
        }

        if (!PlausibleId(disputeId))
        {
            return Results.NotFound("There is no such dispute.");
        }

        var pdf = await cases.ReadPackAsync(disputeId, context.RequestAborted);
        return pdf is null
            ? Results.NotFound($"No pack was rendered for dispute {disputeId}.")
            : Results.File(pdf, "application/pdf", $"{disputeId}.pdf", enableRangeProcessing: false);
    }

    /// <summary>Ids are Stripe's and the shop's: letters, digits, '_' and '-' (what the stores keep), never a path; anything else is not found.</summary>
    private static bool PlausibleId(string id) =>
        id.Length is > 0 and <= 200 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static ReviewSession? Authorize(HttpContext context, ReviewSessions sessions) =>
        sessions.Find(context.Request.Cookies[ReviewSessions.Cookie]);

    /// <summary>A session and a matching form token, or the refusal: 401 without a session, 403 without the token.</summary>
    private static async Task<(ReviewSession? Session, IResult? Refusal)> AuthorizePostAsync(HttpContext context, ReviewSessions sessions, ReviewTemplates pages)
    {
        if (Authorize(context, sessions) is not { } session)
        {
            return (null, Message(pages, null, "Sign in first", "You are not signed in (or your sign-in expired). Nothing was changed.", StatusCodes.Status401Unauthorized));
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
        if (!session.Accepts(form["csrf"]))
        {
            return (null, Message(pages, session, "Refused", "The form's security token is missing or wrong, so nothing was changed. Go back, reload the page and try again.", StatusCodes.Status403Forbidden));
        }

        return (session, null);
    }

    private static IResult SignInFirst(HttpContext context, ReviewTemplates pages) =>
        SignInPage(context, pages, context.RequestServices.GetRequiredService<IAntiforgery>(),
            LocalPath(context.Request.Path + context.Request.QueryString), status: StatusCodes.Status401Unauthorized);

    private static IResult Message(ReviewTemplates pages, ReviewSession? session, string heading, string text, int status) =>
        Page(pages.Render("message", heading, session, extra: new() { ["heading"] = heading, ["text"] = text }), status);

    private sealed class SeeOtherResult(string path) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = path;
            return Task.CompletedTask;
        }
    }

    private static IResult Page(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    /// <summary>
    /// A path on this site to go back to after signing in, as <c>Url.IsLocalUrl</c> takes it: one
    /// leading slash, never <c>//host</c> or <c>/\host</c>, and no control character or backslash
    /// anywhere (browsers drop tabs and line breaks from a <c>Location</c>, so <c>/\t/evil</c> reads
    /// as <c>//evil</c>). Anything else is the list.
    /// </summary>
    public static string LocalPath(string? path) =>
        path is { Length: > 0 } p && p[0] == '/' && (p.Length == 1 || p[1] is not ('/' or '\\'))
        && !p.Any(c => char.IsControl(c) || c == '\\' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            ? p
            : "/";

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Review page: {User} signed in")]
        public static partial void SignedIn(ILogger logger, string user);

        [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Review page: sign-in as '{User}' refused ({Result})")]
        public static partial void SignInRefused(ILogger logger, string user, string result);

        [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Review page: too many sign-in attempts (the last from {Address}); refused unchecked")]
        public static partial void SignInLimited(ILogger logger, string address);

        [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Review page: {User} asked to {Action} the flag on {Customer}: {Outcome}")]
        public static partial void Acted(ILogger logger, string user, string action, string customer, string outcome);

        [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Review page: {User} ({Role}) may not {Action} the flag on {Customer}; refused")]
        public static partial void FlagActionRefused(ILogger logger, string user, string role, string action, string customer);

        [LoggerMessage(EventId = 1306, Level = LogLevel.Information, Message = "Disputes: {User} asked to {Action} dispute {DisputeId}: {Outcome}")]
        public static partial void CaseActed(ILogger logger, string user, string action, string disputeId, string outcome);

        [LoggerMessage(EventId = 1307, Level = LogLevel.Warning, Message = "Disputes: {User} ({Role}) may not {Action} dispute {DisputeId}; refused")]
        public static partial void CaseActionRefused(ILogger logger, string user, string role, string action, string disputeId);
    }
}
