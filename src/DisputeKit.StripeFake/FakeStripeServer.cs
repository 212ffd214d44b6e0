using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DisputeKit.StripeFake.Spec;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DisputeKit.StripeFake;

/// <summary>
/// A local double of Stripe's dispute API on 127.0.0.1: the tests use it, and so does the
/// embedded default. It answers the way Stripe does (list pages, <c>expand[]</c>, staged or
/// submitted evidence, close, file upload, Stripe's error shape, idempotent replays) and
/// records every request it is sent.
/// </summary>
public sealed partial class FakeStripeServer : IAsyncDisposable
{
    private readonly FakeStripeOptions _options;
    private readonly FakeStripeState _state;
    private static readonly SpecValidator Validator = SpecValidator.Load();

    /// <summary>The evidence fields that hold a file id (Stripe's dispute evidence spec).</summary>
    private static readonly HashSet<string> EvidenceFileFields = new(StringComparer.Ordinal)
    {
        "cancellation_policy", "customer_communication", "customer_signature", "duplicate_charge_documentation",
        "receipt", "refund_policy", "service_documentation", "shipping_documentation", "uncategorized_file",
    };

    /// <summary>About 4.5 MB for all files of one dispute's evidence, as Stripe's errors show (not documented).</summary>
    private const long EvidenceFilesMaxBytes = 4_500_000;
    private readonly Lock _gate = new();
    private WebApplication? _app;

    private readonly FakeWebhooks? _webhooks;

    private FakeStripeServer(FakeStripeOptions options)
    {
        _options = options;
        _state = FakeStripeState.Load(options);
        _state.Save(options.StatePath);
        if (options.WebhookUrl is not null)
        {
            if (string.IsNullOrEmpty(options.WebhookSecret))
            {
                throw new ArgumentException("A webhook URL needs the secret to sign deliveries with (FakeStripeOptions.WebhookSecret).", nameof(options));
            }

            _webhooks = new FakeWebhooks(options);
            _state.EventAdded = _webhooks.Enqueue;
        }
    }

    /// <summary>Every attempt to deliver an event to <see cref="FakeStripeOptions.WebhookUrl"/>, in order.</summary>
    public IReadOnlyList<FakeWebhookDelivery> WebhookDeliveries => _webhooks?.Deliveries ?? [];

    /// <summary>The <c>Stripe-Signature</c> header Stripe would send for <paramref name="payload"/>, signed at <paramref name="timestamp"/>.</summary>
    public static string WebhookSignature(string payload, string secret, DateTimeOffset timestamp) => FakeWebhooks.Signature(payload, secret, timestamp);

    /// <summary>A new dispute, as a cardholder opens one: kept, with its charge when given, and <c>charge.dispute.created</c> made (and delivered).</summary>
    public void CreateDispute(JsonObject dispute, JsonObject? charge = null)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var id = dispute["id"]?.GetValue<string>() ?? throw new ArgumentException("A dispute needs an id.", nameof(dispute));
        lock (_gate)
        {
            if (charge is not null)
            {
                _state.Charges[charge["id"]!.GetValue<string>()] = (JsonObject)charge.DeepClone();
            }

            var kept = (JsonObject)dispute.DeepClone();
            _state.Disputes[id] = kept;
            _state.AddEvent("charge.dispute.created", kept, Now(), null);
            var chargeId = kept["charge"]?.GetValue<string>();
            if (chargeId is not null && _state.Charges.TryGetValue(chargeId, out var disputed))
            {
                disputed["disputed"] = true;
            }

            // A warning on the charge is no longer actionable once it is disputed.
            foreach (var warning in _state.Warnings.Values.Where(w => w["charge"]?.GetValue<string>() == chargeId && w["actionable"]!.GetValue<bool>()))
            {
                warning["actionable"] = false;
                _state.AddEvent("radar.early_fraud_warning.updated", warning, Now(), new JsonObject { ["actionable"] = true });
            }

            // The disputed amount and Stripe's dispute fee leave the balance.
            AddMoney(kept, -kept["amount"]!.GetValue<long>(), 1500, "dispute");
            _state.AddEvent("charge.dispute.funds_withdrawn", kept, Now(), null);
            _state.Save(_options.StatePath);
        }
    }

    /// <summary>
    /// A new early fraud warning on <paramref name="chargeId"/>, as a card network reports one:
    /// kept, actionable while the charge is neither disputed nor fully refunded, with
    /// <c>radar.early_fraud_warning.created</c> made (and delivered). Its id.
    /// </summary>
    public string CreateWarning(string chargeId, string fraudType = "made_with_stolen_card", string? id = null)
    {
        lock (_gate)
        {
            var charge = _state.Charges.TryGetValue(chargeId, out var c) ? c : throw new ArgumentException($"No such charge: '{chargeId}'.", nameof(chargeId));
            id ??= "issfr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            var warning = new JsonObject
            {
                ["id"] = id,
                ["object"] = "radar.early_fraud_warning",
                ["actionable"] = !(charge["disputed"]?.GetValue<bool>() ?? false) && !(charge["refunded"]?.GetValue<bool>() ?? false),
                ["charge"] = chargeId,
                ["created"] = Now(),
                ["fraud_type"] = fraudType,
                ["livemode"] = false,
                ["payment_intent"] = charge["payment_intent"]?.DeepClone(),
            };
            _state.Warnings[id] = warning;
            _state.AddEvent("radar.early_fraud_warning.created", warning, Now(), null);
            _state.Save(_options.StatePath);
            return id;
        }
    }

    /// <summary>Adds a charge the fake did not have (a purchase no dispute is about yet).</summary>
    public void AddCharge(JsonObject charge)
    {
        ArgumentNullException.ThrowIfNull(charge);
        lock (_gate)
        {
            // As read from JSON, as everything the fake holds is: a number built in C# (an int) is then read as any number.
            _state.Charges[charge["id"]!.GetValue<string>()] = JsonNode.Parse(charge.ToJsonString())!.AsObject();
            _state.Save(_options.StatePath);
        }
    }

    /// <summary>Every refund made, oldest first.</summary>
    public IReadOnlyList<JsonObject> Refunds
    {
        get
        {
            lock (_gate)
            {
                return [.. _state.Refunds.Values.OrderBy(r => r["created"]!.GetValue<long>()).Select(r => (JsonObject)r.DeepClone())];
            }
        }
    }

    /// <summary>A charge as the fake holds it now.</summary>
    public JsonObject Charge(string chargeId)
    {
        lock (_gate)
        {
            return (JsonObject)_state.Charges[chargeId].DeepClone();
        }
    }

    /// <summary>Removes a dispute from what the fake lists (and returns it): to be created again later with <see cref="CreateDispute"/>.</summary>
    public JsonObject Withhold(string disputeId)
    {
        lock (_gate)
        {
            var dispute = _state.Disputes.Remove(disputeId, out var d) ? d : throw new ArgumentException($"No such dispute: '{disputeId}'.", nameof(disputeId));
            _state.Save(_options.StatePath);
            return dispute;
        }
    }

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Faults to inject into the next requests.</summary>
    public FakeFaults Faults { get; } = new();

    public static async Task<FakeStripeServer> StartAsync(FakeStripeOptions options, CancellationToken cancellationToken)
    {
        var server = new FakeStripeServer(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port.ToString(CultureInfo.InvariantCulture)}");
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUri = new Uri(address.TrimEnd('/') + "/");
        server._app = app;
        return server;
    }

    /// <summary>Every request received so far (including those of earlier runs when state persists).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _state.Requests];
            }
        }
    }

    /// <summary>Every event the fake made (seeded ones too), oldest first.</summary>
    public IReadOnlyList<JsonObject> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _state.Events.Select(e => (JsonObject)e.DeepClone())];
            }
        }
    }

    /// <summary>The dispute as the fake holds it now.</summary>
    public JsonObject? Dispute(string id)
    {
        lock (_gate)
        {
            return _state.Disputes.TryGetValue(id, out var d) ? (JsonObject)d.DeepClone() : null;
        }
    }

    /// <summary>The uploaded file as the fake holds it (id, filename, size, sha256), or null.</summary>
    public JsonObject? File(string id)
    {
        lock (_gate)
        {
            return _state.Files.TryGetValue(id, out var f) ? (JsonObject)f.DeepClone() : null;
        }
    }

    /// <summary>
    /// Closes a dispute as the network would on its own: <c>won</c> when the cardholder withdraws it,
    /// <c>lost</c>, or <c>warning_closed</c> for an inquiry that never became a chargeback; with the
    /// <c>charge.dispute.closed</c> event Stripe sends.
    /// </summary>
    public void Resolve(string disputeId, string status)
    {
        if (status is not ("won" or "lost" or "warning_closed"))
        {
            throw new ArgumentException($"A dispute closes as won, lost or warning_closed, not '{status}'.", nameof(status));
        }

        lock (_gate)
        {
            if (status == "won")
            {
                // The disputed amount comes back (the dispute fee does not), with its own event.
                var dispute = _state.Disputes.TryGetValue(disputeId, out var d) ? d : throw new ArgumentException($"No such dispute: '{disputeId}'.", nameof(disputeId));
                AddMoney(dispute, dispute["amount"]!.GetValue<long>(), 0, "dispute_reversal");
                _state.AddEvent("charge.dispute.funds_reinstated", dispute, Now(), null);
            }

            Change(disputeId, "charge.dispute.closed", dispute =>
            {
                var previous = dispute["status"]!.GetValue<string>();
                dispute["status"] = status;
                return new JsonObject { ["status"] = previous };
            });
        }
    }

    /// <summary>
    /// Part of the disputed amount comes back without the dispute closing, as after a partial
    /// refund: a reinstatement and <c>charge.dispute.funds_reinstated</c>, the status unchanged.
    /// </summary>
    public void Reinstate(string disputeId, long amount) => Change(disputeId, "charge.dispute.funds_reinstated", dispute =>
    {
        AddMoney(dispute, amount, 0, "dispute_reversal");
        return null;
    });

    /// <summary>Marks a dispute as resolved by Stripe's dispute prevention (status <c>prevented</c>), with <c>charge.dispute.closed</c>.</summary>
    public void Prevent(string disputeId) => Change(disputeId, "charge.dispute.closed", dispute =>
    {
        var previous = dispute["status"]!.GetValue<string>();
        dispute["status"] = "prevented";
        return new JsonObject { ["status"] = previous };
    });

    /// <summary>A balance transaction on the dispute: negative when funds are withdrawn, positive when reinstated.</summary>
    private void AddMoney(JsonObject dispute, long amount, long fee, string category)
    {
        var transactions = dispute["balance_transactions"] as JsonArray ?? [];
        dispute["balance_transactions"] = transactions;
        transactions.Add(new JsonObject
        {
            ["id"] = "txn_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            ["object"] = "balance_transaction",
            ["amount"] = amount,
            ["fee"] = fee,
            ["net"] = amount - fee,
            ["currency"] = dispute["currency"]?.GetValue<string>() ?? "usd",
            ["created"] = Now(),
            ["type"] = "adjustment",
            ["reporting_category"] = category,
            ["status"] = "available",
        });
    }

    /// <summary>
    /// Makes a lost dispute appealable, as endive does: status <c>appeal_needs_response</c> and a
    /// new deadline, with the <c>charge.dispute.updated</c> event.
    /// </summary>
    public void MakeAppealable(string disputeId, DateTimeOffset dueBy) => Change(disputeId, "charge.dispute.updated", dispute =>
    {
        var status = dispute["status"]!.GetValue<string>();
        if (status != "lost")
        {
            throw new ArgumentException($"Only a lost dispute can be appealed; {disputeId} is {status}.", nameof(disputeId));
        }

        dispute["status"] = "appeal_needs_response";
        var details = (JsonObject)dispute["evidence_details"]!;
        details["due_by"] = dueBy.ToUnixTimeSeconds();
        details["past_due"] = false;
        return new JsonObject { ["status"] = status };
    });

    /// <summary>Marks a dispute as a network compliance dispute (<c>visa_compliance</c> or <c>mastercard_compliance</c>): answering it costs a fee that must be acknowledged.</summary>
    public void MakeCompliance(string disputeId, string kind) => Change(disputeId, "charge.dispute.updated", dispute =>
    {
        if (kind is not ("visa_compliance" or "mastercard_compliance"))
        {
            throw new ArgumentException($"A compliance dispute is visa_compliance or mastercard_compliance, not '{kind}'.", nameof(kind));
        }

        var types = dispute["enhanced_eligibility_types"] as JsonArray ?? [];
        types.Add(kind);
        dispute["enhanced_eligibility_types"] = types;
        return null;
    });

    /// <summary>Stripe's Smart Disputes submits its own evidence for the dispute, as it does at the deadline where the merchant left it to Stripe.</summary>
    public void SubmitBySmartDisputes(string disputeId) => Change(disputeId, "charge.dispute.updated", dispute =>
    {
        var status = dispute["status"]!.GetValue<string>();
        var details = (JsonObject)dispute["evidence_details"]!;
        details["has_evidence"] = true;
        details["submission_method"] = "smart_disputes";
        details["submission_count"] = (details["submission_count"]?.GetValue<int>() ?? 0) + 1;
        dispute["status"] = status == "warning_needs_response" ? "warning_under_review" : "under_review";
        return new JsonObject { ["status"] = status };
    });

    private void Change(string disputeId, string eventType, Func<JsonObject, JsonObject?> change)
    {
        lock (_gate)
        {
            var dispute = _state.Disputes.TryGetValue(disputeId, out var d) ? d : throw new ArgumentException($"No such dispute: '{disputeId}'.", nameof(disputeId));
            var previous = change(dispute);
            _state.AddEvent(eventType, dispute, Now(), previous);
            _state.Save(_options.StatePath);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_webhooks is not null)
        {
            await _webhooks.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = await ReadFormAsync(request);
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        var path = request.Path.Value ?? "/";
        var fault = Faults.Next(request.Method, path);
        if (fault is { SavedUnderKey: true } && key is not null && request.Method == "POST" && SaveFailure(request, path, form, key, fault.Applied) is { } saved)
        {
            await WriteAsync(context, 500, saved, key, replayed: false);
            return;
        }

        if (fault is { SavedUnderKey: false, DelayAfterApply: false } && await ServeFaultAsync(context, fault, form, key))
        {
            return;
        }

        var (status, body, replayed) = Answer(request.Method, path, request.Query, form, key, request.Headers.Authorization.FirstOrDefault());
        if (fault is { DelayAfterApply: true })
        {
            try
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (fault?.DropAfterApply == true)
        {
            // Applied and saved under its key; the client never hears the answer.
            lock (_gate)
            {
                Record(request.Method, path, request.Query, form, key, 0, replayed: false, fault: "drop_after_apply");
            }

            context.Abort();
            return;
        }

        await WriteAsync(context, status, body, key, replayed);
    }

    private static async Task WriteAsync(HttpContext context, int status, string body, string? key, bool replayed)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        if (key is not null)
        {
            context.Response.Headers["Idempotency-Key"] = key;
        }

        if (replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// A keyed request whose endpoint began to run and failed, as Stripe keeps it: the 500 is saved
    /// under the key (after the request took effect, when <paramref name="applied"/>), and every
    /// later request with that key gets it back. Null when the key already has a saved answer,
    /// which Stripe replays without running anything.
    /// </summary>
    private string? SaveFailure(HttpRequest request, string path, FakeForm form, string key, bool applied)
    {
        lock (_gate)
        {
            if (_state.Idempotency.ContainsKey(key))
            {
                return null;
            }

            if (applied)
            {
                Route(request.Method, path, request.Query, form);
            }

            var (_, body) = StripeErrors.Of(500, "api_error", null, null, "Something went wrong on Stripe's end.");
            _state.Idempotency[key] = new FakeStripeState.IdempotentAnswer(Fingerprint(request.Method, path, form), 500, body);
            Record(request.Method, path, request.Query, form, key, 500, replayed: false, fault: applied ? "saved_500_applied" : "saved_500");
            return body;
        }
    }

    /// <summary>Serves a fault before the endpoint runs, so nothing is saved under its idempotency key. True when the request is answered.</summary>
    private async Task<bool> ServeFaultAsync(HttpContext context, FakeFault fault, FakeForm form, string? key)
    {
        if (fault.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(fault.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return true;
            }
        }

        var request = context.Request;
        if (fault.Drop)
        {
            lock (_gate)
            {
                Record(request.Method, request.Path.Value ?? "/", request.Query, form, key, 0, replayed: false, fault: "drop");
            }

            context.Abort();
            return true;
        }

        if (fault.Status is not { } status)
        {
            return false;
        }

        var (_, body) = status == 429
            ? StripeErrors.Of(429, "invalid_request_error", "rate_limit", null, "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.")
            : StripeErrors.Of(status, "api_error", null, null, "Something went wrong on Stripe's end.");
        lock (_gate)
        {
            Record(request.Method, request.Path.Value ?? "/", request.Query, form, key, status, replayed: false, fault: status.ToString(CultureInfo.InvariantCulture));
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (fault.ShouldRetry is { } shouldRetry)
        {
            context.Response.Headers["Stripe-Should-Retry"] = shouldRetry ? "true" : "false";
        }

        if (fault.RetryAfterSeconds is { } after)
        {
            context.Response.Headers.RetryAfter = after.ToString(CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(body, context.RequestAborted);
        return true;
    }

    private (int Status, string Body, bool Replayed) Answer(
        string method, string path, IQueryCollection query, FakeForm form, string? key, string? authorization)
    {
        lock (_gate)
        {
            var fingerprint = Fingerprint(method, path, form);
            if (method == "POST" && key is not null && _state.Idempotency.TryGetValue(key, out var earlier))
            {
                var (status, body) = earlier.Fingerprint == fingerprint
                    ? (earlier.Status, earlier.Body)
                    : StripeErrors.Of(400, "idempotency_error", null, null,
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.");
                Record(method, path, query, form, key, status, replayed: earlier.Fingerprint == fingerprint);
                return (status, body, earlier.Fingerprint == fingerprint);
            }

            (int Status, string Body) answer = authorization != $"Bearer {_options.ApiKey}"
                ? StripeErrors.Of(401, "invalid_request_error", null, null,
                    "Invalid API Key provided. Send your secret key as a Bearer token in the Authorization header.")
                : Route(method, path, query, form);

            // Stripe saves the first answer once the endpoint ran; validation failures are not saved.
            if (method == "POST" && key is not null && answer.Status is not (400 or 401))
            {
                _state.Idempotency[key] = new FakeStripeState.IdempotentAnswer(fingerprint, answer.Status, answer.Body);
            }

            Record(method, path, query, form, key, answer.Status, replayed: false);
            return (answer.Status, answer.Body, false);
        }
    }

    private (int Status, string Body) Route(string method, string path, IQueryCollection query, FakeForm form)
    {
        var parts = path.Trim('/').Split('/');
        if (Template(method, parts) is { } template
            && Validator.Validate(method, template, query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? string.Empty))), form.Fields, form.File is not null) is { } problem)
        {
            return StripeErrors.Of(400, "invalid_request_error", problem.Message.StartsWith("Received unknown", StringComparison.Ordinal) ? "parameter_unknown"
                : problem.Message.StartsWith("Missing", StringComparison.Ordinal) ? "parameter_missing" : "parameter_invalid", problem.Param, problem.Message);
        }

        return (method, parts) switch
        {
            ("GET", ["v1", "disputes"]) => ListDisputes(query),
            ("GET", ["v1", "disputes", var id]) => Found(_state.Disputes, id, "dispute", d => Expand(d, query)),
            ("POST", ["v1", "disputes", var id]) => UpdateDispute(id, form),
            ("POST", ["v1", "disputes", var id, "close"]) => CloseDispute(id, form),
            ("GET", ["v1", "charges", var id]) => Found(_state.Charges, id, "charge", c => c),
            ("GET", ["v1", "payment_intents", var id]) => Found(_state.PaymentIntents, id, "payment_intent", p => p),
            ("GET", ["v1", "customers", var id]) => Found(_state.Customers, id, "customer", c => c),
            ("POST", ["v1", "files"]) => UploadFile(form),
            ("GET", ["v1", "files", var id]) => Found(_state.Files, id, "file", f => f),
            ("GET", ["v1", "events"]) => ListEvents(query),
            ("POST", ["v1", "radar", "value_list_items"]) => AddRadarItem(form),
            ("GET", ["v1", "radar", "value_list_items"]) => ListRadarItems(query),
            ("DELETE", ["v1", "radar", "value_list_items", var id]) => DeleteRadarItem(id),
            ("GET", ["v1", "radar", "early_fraud_warnings"]) => ListWarnings(query),
            ("GET", ["v1", "radar", "early_fraud_warnings", var id]) => Found(_state.Warnings, id, "radar.early_fraud_warning", w => w),
            ("POST", ["v1", "refunds"]) => CreateRefund(form),
            _ => StripeErrors.Of(404, "invalid_request_error", null, null, $"Unrecognized request URL ({method}: {path})."),
        };
    }

    private static string? Template(string method, string[] parts) => (method, parts) switch
    {
        (_, ["v1", "disputes"]) => "/v1/disputes",
        (_, ["v1", "disputes", _]) => "/v1/disputes/{dispute}",
        (_, ["v1", "disputes", _, "close"]) => "/v1/disputes/{dispute}/close",
        (_, ["v1", "charges", _]) => "/v1/charges/{charge}",
        (_, ["v1", "payment_intents", _]) => "/v1/payment_intents/{intent}",
        (_, ["v1", "customers", _]) => "/v1/customers/{customer}",
        ("POST", ["v1", "files"]) => "/v1/files",
        (_, ["v1", "files", _]) => "/v1/files/{file}",
        ("GET", ["v1", "events"]) => "/v1/events",
        _ => null,
    };

    private (int, string) ListDisputes(IQueryCollection query)
    {
        // A list expands its items' fields as data.<field>.
        var itemExpand = new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["expand[]"] = new([.. ExpandFields(query).Where(f => f.StartsWith("data.", StringComparison.Ordinal)).Select(f => f["data.".Length..])]),
        });
        return ListPage(_state.Disputes.Values, query, "/v1/disputes", "dispute", d => Expand(d, itemExpand));
    }

    /// <summary>
    /// One page of a Stripe list, newest first: filtered by <c>created[gt|gte|lt|lte]</c>,
    /// <c>charge</c> and <c>payment_intent</c>, after <c>starting_after</c>, at most <c>limit</c> (10 by default, 1 to 100).
    /// </summary>
    private static (int, string) ListPage(IEnumerable<JsonObject> items, IQueryCollection query, string url, string what, Func<JsonObject, JsonNode> render)
    {
        var limit = 10;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            return StripeErrors.Of(400, "invalid_request_error", "parameter_invalid_integer", "limit",
                "Invalid limit: must be an integer between 1 and 100.");
        }

        var all = items
            .OrderByDescending(d => d["created"]!.GetValue<long>())
            .ThenByDescending(d => d["id"]!.GetValue<string>(), StringComparer.Ordinal)
            .AsEnumerable();
        foreach (var (name, op) in new (string, Func<long, long, bool>)[]
                 { ("created[gt]", (a, b) => a > b), ("created[gte]", (a, b) => a >= b), ("created[lt]", (a, b) => a < b), ("created[lte]", (a, b) => a <= b) })
        {
            if (query.TryGetValue(name, out var v) && long.TryParse(v, CultureInfo.InvariantCulture, out var bound))
            {
                all = all.Where(d => op(d["created"]!.GetValue<long>(), bound));
            }
        }

        if (query.TryGetValue("charge", out var charge))
        {
            all = all.Where(d => d["charge"]?.GetValue<string>() == charge);
        }

        if (query.TryGetValue("payment_intent", out var intent))
        {
            all = all.Where(d => d["payment_intent"] is JsonValue v && v.GetValue<string>() == intent);
        }

        var list = all.ToList();
        if (query.TryGetValue("starting_after", out var after))
        {
            var index = list.FindIndex(d => d["id"]!.GetValue<string>() == after);
            if (index < 0)
            {
                return StripeErrors.Of(400, "invalid_request_error", "resource_missing", "starting_after", $"No such {what}: '{after}'");
            }

            list = list.Skip(index + 1).ToList();
        }

        return (200, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. list.Take(limit).Select(render)]),
            ["has_more"] = list.Count > limit,
            ["url"] = url,
        }.ToJsonString());
    }

    private (int, string) ListEvents(IQueryCollection query)
    {
        var limit = 10;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            return StripeErrors.Of(400, "invalid_request_error", "parameter_invalid_integer", "limit", "Invalid limit: must be an integer between 1 and 100.");
        }

        IEnumerable<JsonObject> events = Enumerable.Reverse(_state.Events);
        if (query.TryGetValue("type", out var type))
        {
            var pattern = type.ToString();
            events = pattern.EndsWith('*')
                ? events.Where(e => e["type"]!.GetValue<string>().StartsWith(pattern[..^1], StringComparison.Ordinal))
                : events.Where(e => e["type"]!.GetValue<string>() == pattern);
        }

        // types[] (or types[0], types[1], … as Stripe.net sends it): exact names, any of them.
        var types = query.Where(q => q.Key.StartsWith("types[", StringComparison.Ordinal)).SelectMany(q => q.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (types.Count > 0)
        {
            events = events.Where(e => types.Contains(e["type"]!.GetValue<string>()));
        }

        if (query.TryGetValue("created[gt]", out var gt) && long.TryParse(gt, CultureInfo.InvariantCulture, out var after))
        {
            events = events.Where(e => e["created"]!.GetValue<long>() > after);
        }

        var list = events.ToList();
        if (query.TryGetValue("starting_after", out var cursor))
        {
            list = list.SkipWhile(e => e["id"]!.GetValue<string>() != cursor).Skip(1).ToList();
        }

        return (200, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. list.Take(limit).Select(e => (JsonNode)e.DeepClone())]),
            ["has_more"] = list.Count > limit,
            ["url"] = "/v1/events",
        }.ToJsonString());
    }

    private (int, string) UpdateDispute(string id, FakeForm form)
    {
        if (!_state.Disputes.TryGetValue(id, out var dispute))
        {
            return StripeErrors.Missing("dispute", id);
        }

        var status = dispute["status"]!.GetValue<string>();
        if (status is not ("needs_response" or "warning_needs_response" or "appeal_needs_response"))
        {
            return StripeErrors.Of(400, "invalid_request_error", null, null,
                $"This dispute is already closed or under review (status {status}); evidence can no longer be updated.");
        }

        // Stripe's default: an update without submit=false submits to the bank.
        var submit = !form.Fields.TryGetValue("submit", out var submitText) || submitText == "true";
        form.Fields.TryGetValue("intended_submission_method", out var intended);
        if (!submit && intended is null && _options.RequireIntendedSubmissionMethod)
        {
            // A guard beyond Stripe: evidence staged without saying who submits may be submitted
            // by Smart Disputes at the deadline, where the account has it on.
            return StripeErrors.Of(400, "invalid_request_error", "parameter_missing", "intended_submission_method",
                "Missing required param: intended_submission_method. This fake refuses staged evidence that does not say who submits it (manual keeps Smart Disputes from submitting it).");
        }

        if (UnknownEvidenceFile(dispute["evidence"] as JsonObject, form) is { } refused)
        {
            return refused;
        }

        if (submit && ComplianceFeeMissing(dispute, form) is { } unacknowledged)
        {
            return unacknowledged;
        }

        if (OverPageLimit(dispute["evidence"] as JsonObject, form) is { } overLimit)
        {
            return overLimit;
        }

        if (intended is not null)
        {
            dispute["intended_submission_method"] = intended;
        }

        var evidence = dispute["evidence"] as JsonObject ?? [];
        dispute["evidence"] = evidence;
        var metadata = dispute["metadata"] as JsonObject ?? [];
        dispute["metadata"] = metadata;
        foreach (var (name, value) in form.Fields)
        {
            if (name.StartsWith("evidence[enhanced_evidence]", StringComparison.Ordinal) || name.StartsWith("evidence[appeal]", StringComparison.Ordinal))
            {
                SetNested(evidence, SpecValidator.Segments(name)[1..], value);
            }
            else if (Bracketed(name, "evidence") is { } field)
            {
                evidence[field] = value;
            }
            else if (Bracketed(name, "metadata") is { } metaKey)
            {
                if (value.Length == 0)
                {
                    metadata.Remove(metaKey);
                }
                else
                {
                    metadata[metaKey] = value;
                }
            }
        }

        var details = (JsonObject)dispute["evidence_details"]!;
        details["has_evidence"] = true;
        if (submit)
        {
            // Submitted through the API: the merchant's own submission, as Stripe records it.
            details["submission_method"] = "manual";
            details["submission_count"] = (details["submission_count"]?.GetValue<int>() ?? 0) + 1;
            dispute["status"] = status switch
            {
                "warning_needs_response" => "warning_under_review",
                "appeal_needs_response" => "appeal_under_review",
                _ => "under_review",
            };
        }

        _state.AddEvent("charge.dispute.updated", dispute, Now(), new JsonObject { ["status"] = status });
        return (200, Expand(dispute, QueryCollection.Empty).ToJsonString());
    }

    /// <summary>
    /// As Stripe does: a file field of the evidence must name a file uploaded for dispute
    /// evidence, and the files of one dispute's evidence together stay within about 4.5 MB.
    /// </summary>
    private (int, string)? UnknownEvidenceFile(JsonObject? staged, FakeForm form)
    {
        foreach (var (name, value) in form.Fields)
        {
            if (Bracketed(name, "evidence") is { } field && EvidenceFileFields.Contains(field) && value.Length > 0
                && (!_state.Files.TryGetValue(value, out var file) || file["purpose"]?.GetValue<string>() != "dispute_evidence"))
            {
                return StripeErrors.Of(400, "invalid_request_error", "resource_missing", $"evidence[{field}]",
                    $"No such file upload: '{value}'. A file field must name a file uploaded with purpose dispute_evidence.");
            }
        }

        var total = FilesAfter(staged, form).Sum(id => _state.Files.TryGetValue(id, out var f) ? f["size"]!.GetValue<long>() : 0);
        return total > EvidenceFilesMaxBytes
            ? StripeErrors.Of(400, "invalid_request_error", null, "evidence",
                $"The files attached to this dispute's evidence are {total:N0} bytes together, over the limit of {EvidenceFilesMaxBytes:N0} bytes.")
            : null;
    }

    /// <summary>The files the evidence names once <paramref name="form"/> is applied: its file fields and the appeal's supporting files, each once.</summary>
    private static IEnumerable<string> FilesAfter(JsonObject? staged, FakeForm form)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in EvidenceFileFields)
        {
            if (staged?[field] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } id)
            {
                files[field] = id;
            }
        }

        foreach (var (name, value) in form.Fields)
        {
            if ((Bracketed(name, "evidence") is { } field && EvidenceFileFields.Contains(field)) || name.StartsWith("evidence[appeal][card][supporting_files]", StringComparison.Ordinal))
            {
                if (value.Length == 0)
                {
                    files.Remove(Bracketed(name, "evidence") ?? name);
                }
                else
                {
                    files[Bracketed(name, "evidence") ?? name] = value;
                }
            }
        }

        return files.Values.Distinct(StringComparer.Ordinal);
    }

    /// <summary>A compliance dispute is answered only with its fee acknowledged (<c>enhanced_evidence[…][fee_acknowledged]=true</c>).</summary>
    private static (int, string)? ComplianceFeeMissing(JsonObject dispute, FakeForm form)
    {
        var kind = (dispute["enhanced_eligibility_types"] as JsonArray)?.Select(t => t?.GetValue<string>())
            .FirstOrDefault(t => t is "visa_compliance" or "mastercard_compliance");
        var param = $"evidence[enhanced_evidence][{kind}][fee_acknowledged]";
        return kind is null || (form.Fields.TryGetValue(param, out var acknowledged) && acknowledged == "true")
            ? null
            : StripeErrors.Of(400, "invalid_request_error", "parameter_missing", param,
                $"This is a {kind.Replace('_', ' ')} dispute: submitting evidence requires acknowledging the network's fee ({param}=true).");
    }

    /// <summary>
    /// Stripe's estimate of the pages the network receives: the pages of every file the evidence
    /// (or the appeal's supporting files) would name after this update, against <see cref="FakeStripeOptions.EvidencePageLimit"/>.
    /// </summary>
    private (int, string)? OverPageLimit(JsonObject? staged, FakeForm form)
    {
        var pages = FilesAfter(staged, form).Sum(id => _state.FilePages.GetValueOrDefault(id));
        return _options.EvidencePageLimit is not { } limit || pages <= limit
            ? null
            : StripeErrors.Of(400, "invalid_request_error", "dispute_evidence_page_limit_exceeded", "evidence",
                $"The evidence for this dispute is estimated at {pages} pages, over the card network's limit of {limit} pages. Shorten the documents and try again.");
    }

    private long Now() => Math.Max(_options.Clock.GetUtcNow().ToUnixTimeSeconds(), _state.Events.Count == 0 ? 0 : _state.Events[^1]["created"]!.GetValue<long>());

    /// <summary>Any <c>rsl_…</c> list exists here; a value already on the list is refused, as Stripe does.</summary>
    private (int, string) AddRadarItem(FakeForm form)
    {
        var list = form.Fields.FirstOrDefault(f => f.Key == "value_list").Value;
        var value = form.Fields.FirstOrDefault(f => f.Key == "value").Value;
        if (string.IsNullOrEmpty(list) || string.IsNullOrEmpty(value))
        {
            return StripeErrors.Of(400, "invalid_request_error", "parameter_missing", string.IsNullOrEmpty(list) ? "value_list" : "value",
                $"Missing required param: {(string.IsNullOrEmpty(list) ? "value_list" : "value")}.");
        }

        if (!list.StartsWith("rsl_", StringComparison.Ordinal))
        {
            return StripeErrors.Missing("value_list", list);
        }

        if (_state.RadarItems.Values.Any(i => i["value_list"]!.GetValue<string>() == list && i["value"]!.GetValue<string>() == value))
        {
            return StripeErrors.Of(400, "invalid_request_error", null, "value", $"The value '{value}' already exists in value list {list}.");
        }

        var item = new JsonObject
        {
            ["id"] = "rsli_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            ["object"] = "radar.value_list_item",
            ["created"] = Now(),
            ["created_by"] = "DisputeKit",
            ["livemode"] = false,
            ["value"] = value,
            ["value_list"] = list,
        };
        _state.RadarItems[item["id"]!.GetValue<string>()] = item;
        return (200, item.ToJsonString());
    }

    private (int, string) ListRadarItems(IQueryCollection query)
    {
        var items = _state.RadarItems.Values
            .Where(i => !query.TryGetValue("value_list", out var list) || i["value_list"]!.GetValue<string>() == list)
            .Where(i => !query.TryGetValue("value", out var value) || i["value"]!.GetValue<string>() == value)
            .Select(i => (JsonNode)i.DeepClone())
            .ToArray();
        return (200, new JsonObject { ["object"] = "list", ["url"] = "/v1/radar/value_list_items", ["has_more"] = false, ["data"] = new JsonArray(items) }.ToJsonString());
    }

    private (int, string) DeleteRadarItem(string id)
    {
        if (!_state.RadarItems.Remove(id))
        {
            return StripeErrors.Missing("radar.value_list_item", id);
        }

        _state.Save(_options.StatePath);
        return (200, new JsonObject { ["id"] = id, ["object"] = "radar.value_list_item", ["deleted"] = true }.ToJsonString());
    }

    /// <summary>Newest first, as Stripe lists them; filtered by <c>charge</c>, <c>payment_intent</c> and <c>created</c>.</summary>
    private (int, string) ListWarnings(IQueryCollection query) =>
        Unknown(query.Keys, "charge", "payment_intent", "created[gt]", "created[gte]", "created[lt]", "created[lte]", "limit", "starting_after", "ending_before", "expand[]") is { } unknown
            ? unknown
            : ListPage(_state.Warnings.Values, query, "/v1/radar/early_fraud_warnings", "early fraud warning", w => w.DeepClone());

    /// <summary>
    /// As Stripe refunds a charge: never more than is left, never a disputed charge; the charge's
    /// <c>amount_refunded</c> and <c>refunded</c> follow, and a warning on a fully refunded charge
    /// stops being actionable.
    /// </summary>
    private (int, string) CreateRefund(FakeForm form)
    {
        if (Unknown(form.Fields.Keys.Where(k => !k.StartsWith("metadata[", StringComparison.Ordinal)), "charge", "payment_intent", "amount", "reason", "expand[]") is { } unknown)
        {
            return unknown;
        }

        form.Fields.TryGetValue("charge", out var chargeId);
        if (chargeId is null && form.Fields.TryGetValue("payment_intent", out var intentId))
        {
            chargeId = _state.Charges.Values.FirstOrDefault(c => c["payment_intent"] is JsonValue v && v.GetValue<string>() == intentId)?["id"]?.GetValue<string>();
        }

        if (chargeId is null)
        {
            return StripeErrors.Of(400, "invalid_request_error", "parameter_missing", "charge", "Missing required param: charge or payment_intent.");
        }

        if (!_state.Charges.TryGetValue(chargeId, out var charge))
        {
            return StripeErrors.Missing("charge", chargeId);
        }

        if (form.Fields.TryGetValue("reason", out var reason) && reason is not ("duplicate" or "fraudulent" or "requested_by_customer"))
        {
            return StripeErrors.Of(400, "invalid_request_error", "parameter_invalid", "reason", $"Invalid reason: must be one of duplicate, fraudulent or requested_by_customer.");
        }

        if (charge["disputed"]?.GetValue<bool>() == true)
        {
            return StripeErrors.Of(400, "invalid_request_error", "charge_disputed", "charge", $"Charge {chargeId} has been charged back; you cannot refund it.");
        }

        var total = charge["amount"]!.GetValue<long>();
        var refunded = charge["amount_refunded"]?.GetValue<long>() ?? 0;
        if (refunded >= total)
        {
            return StripeErrors.Of(400, "invalid_request_error", "charge_already_refunded", "charge", $"Charge {chargeId} has already been refunded.");
        }

        var amount = total - refunded;
        if (form.Fields.TryGetValue("amount", out var amountText)
            && (!long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out amount) || amount < 1))
        {
            return StripeErrors.Of(400, "invalid_request_error", "parameter_invalid_integer", "amount", "Invalid amount: must be a positive integer.");
        }

        if (amount > total - refunded)
        {
            return StripeErrors.Of(400, "invalid_request_error", "amount_too_large", "amount",
                $"Refund amount ({amount}) is greater than the amount left on charge {chargeId} ({total - refunded}).");
        }

        var metadata = new JsonObject();
        foreach (var (name, value) in form.Fields)
        {
            if (Bracketed(name, "metadata") is { } metaKey)
            {
                metadata[metaKey] = value;
            }
        }

        var refund = new JsonObject
        {
            ["id"] = "re_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            ["object"] = "refund",
            ["amount"] = amount,
            ["charge"] = chargeId,
            ["created"] = Now(),
            ["currency"] = charge["currency"]?.DeepClone(),
            ["metadata"] = metadata,
            ["payment_intent"] = charge["payment_intent"]?.DeepClone(),
            ["reason"] = reason,
            ["status"] = "succeeded",
        };
        _state.Refunds[refund["id"]!.GetValue<string>()] = refund;
        charge["amount_refunded"] = refunded + amount;
        charge["refunded"] = refunded + amount >= total;
        if (refunded + amount >= total)
        {
            foreach (var warning in _state.Warnings.Values.Where(w => w["charge"]?.GetValue<string>() == chargeId && w["actionable"]!.GetValue<bool>()))
            {
                warning["actionable"] = false;
                _state.AddEvent("radar.early_fraud_warning.updated", warning, Now(), new JsonObject { ["actionable"] = true });
            }
        }

        _state.Save(_options.StatePath);
        return (200, refund.ToJsonString());
    }

    /// <summary>Stripe's answer to a parameter an endpoint does not take (for the endpoints the spec slice leaves out).</summary>
    private static (int, string)? Unknown(IEnumerable<string> names, params string[] known) =>
        names.FirstOrDefault(n => !known.Contains(n, StringComparer.Ordinal)) is { } unknown
            ? StripeErrors.Of(400, "invalid_request_error", "parameter_unknown", unknown, $"Received unknown parameter: {unknown}")
            : null;

    /// <summary>The items on Radar value lists now, as (list, value) pairs.</summary>
    public IReadOnlyList<(string List, string Value)> RadarValues()
    {
        lock (_gate)
        {
            return [.. _state.RadarItems.Values.Select(i => (i["value_list"]!.GetValue<string>(), i["value"]!.GetValue<string>()))];
        }
    }

    private (int, string) CloseDispute(string id, FakeForm form)
    {
        if (!_state.Disputes.TryGetValue(id, out var dispute))
        {
            return StripeErrors.Missing("dispute", id);
        }

        var status = dispute["status"]!.GetValue<string>();
        dispute["status"] = status switch
        {
            "needs_response" => "lost",
            "warning_needs_response" => "warning_closed",
            _ => null,
        };
        if (dispute["status"] is null)
        {
            dispute["status"] = status;
            return StripeErrors.Of(400, "invalid_request_error", null, null, $"This dispute cannot be closed: its status is {status}.");
        }

        _state.AddEvent("charge.dispute.closed", dispute, Now(), new JsonObject { ["status"] = status });
        return (200, dispute.ToJsonString());
    }

    private (int, string) UploadFile(FakeForm form)
    {
        if (!form.Fields.TryGetValue("purpose", out var purpose))
        {
            return StripeErrors.Of(400, "invalid_request_error", "parameter_missing", "purpose", "Missing required param: purpose.");
        }

        if (form.File is not { } file)
        {
            return StripeErrors.Of(400, "invalid_request_error", "parameter_missing", "file", "Missing required param: file.");
        }

        if (purpose == "dispute_evidence" && file.Length > 5 * 1024 * 1024)
        {
            return StripeErrors.Of(400, "invalid_request_error", "file_too_large", "file", "Files for dispute evidence must be at most 5 MB.");
        }

        var type = file.ContentType switch
        {
            "application/pdf" => "pdf",
            "image/png" => "png",
            "image/jpeg" => "jpg",
            _ => null,
        };
        if (purpose == "dispute_evidence" && type is null)
        {
            return StripeErrors.Of(400, "invalid_request_error", "file_invalid", "file", "Dispute evidence must be a PDF, JPEG or PNG file.");
        }

        _state.FileSequence++;
        var id = $"file_fake{_state.FileSequence:D6}";
        var created = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000 + _state.FileSequence).ToUnixTimeSeconds();
        var result = new JsonObject
        {
            ["id"] = id,
            ["object"] = "file",
            ["created"] = created,
            ["expires_at"] = created + (274 * 86400),
            ["filename"] = file.FileName,
            ["purpose"] = purpose,
            ["size"] = file.Length,
            ["title"] = null,
            ["type"] = type,
            ["url"] = $"https://files.stripe.com/v1/files/{id}/contents",
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(file.Content)),
        };
        _state.Files[id] = result;
        _state.FilePages[id] = type == "pdf" ? Math.Max(1, PageObject().Count(Encoding.Latin1.GetString(file.Content))) : 1;
        return (200, result.ToJsonString());
    }

    private JsonObject Expand(JsonObject dispute, IQueryCollection query)
    {
        var copy = (JsonObject)dispute.DeepClone();
        foreach (var field in ExpandFields(query))
        {
            if (field == "charge" && copy["charge"]?.GetValue<string>() is { } chargeId && _state.Charges.TryGetValue(chargeId, out var charge))
            {
                copy["charge"] = charge.DeepClone();
            }
            else if (field == "payment_intent" && copy["payment_intent"] is JsonValue v && v.GetValue<string>() is { } pi
                     && _state.PaymentIntents.TryGetValue(pi, out var intent))
            {
                copy["payment_intent"] = intent.DeepClone();
            }
        }

        return copy;
    }

    private static IEnumerable<string> ExpandFields(IQueryCollection query) =>
        query.Where(q => q.Key.StartsWith("expand[", StringComparison.Ordinal)).SelectMany(q => q.Value).OfType<string>().Distinct(StringComparer.Ordinal);

    private static (int, string) Found(Dictionary<string, JsonObject> store, string id, string kind, Func<JsonObject, JsonObject> shape) =>
        store.TryGetValue(id, out var item) ? (200, shape(item).ToJsonString()) : StripeErrors.Missing(kind, id);

    private void Record(string method, string path, IQueryCollection query, FakeForm form, string? key, int status, bool replayed, string? fault = null)
    {
        _state.Requests.Add(new RecordedRequest
        {
            Method = method,
            Path = path,
            Query = QueryString.Create(query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))).Value ?? string.Empty,
            Form = form.Fields,
            IdempotencyKey = key,
            Status = status,
            Replayed = replayed,
            Fault = fault,
        });
        if (method == "POST")
        {
            _state.Save(_options.StatePath);
        }
    }

    /// <summary>Stores <c>a[b][0][c]=v</c> as nested objects and arrays, as Stripe shows it back.</summary>
    private static void SetNested(JsonObject root, string[] path, string value)
    {
        JsonNode node = root;
        for (var i = 0; i < path.Length; i++)
        {
            var last = i == path.Length - 1;
            var nextIsIndex = !last && int.TryParse(path[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _);
            JsonNode Make() => nextIsIndex ? new JsonArray() : new JsonObject();
            if (node is JsonArray array && int.TryParse(path[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                while (array.Count <= index)
                {
                    array.Add(null);
                }

                if (last)
                {
                    array[index] = Scalar(value);
                    return;
                }

                node = array[index] ??= Make();
            }
            else if (node is JsonObject obj)
            {
                if (last)
                {
                    obj[path[i]] = Scalar(value);
                    return;
                }

                if (obj[path[i]] is not (JsonObject or JsonArray))
                {
                    obj[path[i]] = Make();
                }

                node = obj[path[i]]!;
            }
        }
    }

    /// <summary>A form value as Stripe shows it back: the booleans of nested evidence (e.g. <c>fee_acknowledged</c>) as booleans.</summary>
    private static JsonValue Scalar(string value) => value switch
    {
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ => JsonValue.Create(value),
    };

    private static string? Bracketed(string name, string prefix) =>
        name.StartsWith(prefix + "[", StringComparison.Ordinal) && name.EndsWith(']') && name.IndexOf('[', prefix.Length + 1) < 0
            ? name[(prefix.Length + 1)..^1]
            : null;

    private static string Fingerprint(string method, string path, FakeForm form) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{method} {path}\n" + string.Join('\n', form.Fields.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"))
            + (form.File is { } f ? $"\nfile={Convert.ToHexStringLower(SHA256.HashData(f.Content))}" : string.Empty))));

    private static async Task<FakeForm> ReadFormAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return new FakeForm(new Dictionary<string, string>(StringComparer.Ordinal), null);
        }

        var form = await request.ReadFormAsync();
        var fields = form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        FakeFile? file = null;
        if (form.Files.GetFile("file") is { } upload)
        {
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer);
            file = new FakeFile(upload.FileName, upload.ContentType, buffer.ToArray());
        }

        return new FakeForm(fields, file);
    }

    /// <summary>A page object of a PDF whose pages are not hidden in object streams (as Chromium writes them).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"/Type\s*/Page(?![A-Za-z])")]
    private static partial System.Text.RegularExpressions.Regex PageObject();

    private sealed record FakeForm(Dictionary<string, string> Fields, FakeFile? File);

    private sealed record FakeFile(string FileName, string ContentType, byte[] Content)
    {
        public long Length => Content.LongLength;
    }
}
