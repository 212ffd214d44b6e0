using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DisputeKit.Core.Merchant;

namespace DisputeKit.SampleData.Generation;

/// <summary>
/// Makes a sample shop in the merchant-data format, and disputes in Stripe's object shape,
/// from a fixed seed: the same options always give the same files.
/// </summary>
public sealed class SampleGenerator(SampleOptions options)
{
    private const string PolicyId = "viplikes-refund";
    private readonly Random _rng = new(options.Seed);
    private readonly DateTimeOffset _asOf = options.AsOf;
    private int _orderSeq;
    private int _messageSeq;
    private int _threadSeq;
    private int _refundSeq;
    private int _subscriptionSeq;
    private int _customerSeq;
    private SampleWriter _out = null!;

    public IReadOnlyDictionary<string, long> Generate(string folder)
    {
        using var writer = new SampleWriter(folder);
        _out = writer;
        for (var i = 0; i < options.Customers; i++)
        {
            BaseCustomer(i, options.Customers);
        }

        var stripe = new StripeObjects();
        var expectations = new JsonArray();
        for (var i = 0; i < options.Disputes; i++)
        {
            var scenario = Scenario.All[i % Scenario.All.Count];
            expectations.Add(ScenarioDispute(scenario, i, stripe));
        }

        // After the disputes, so that adding warnings leaves every dispute of a seed as it was.
        var warningExpectations = new JsonArray();
        for (var i = 0; i < options.Warnings; i++)
        {
            warningExpectations.Add(WarningScenario(i, stripe));
        }

        // Last of all, so that adding closed disputes leaves everything else of a seed as it was.
        var closedExpectations = new JsonArray();
        for (var i = 0; i < options.Closed; i++)
        {
            closedExpectations.Add(ClosedDispute(i, stripe));
        }

        if (options.Closed > 0)
        {
            _out.Json("closed_scenarios.json", closedExpectations);
        }

        _out.Json("stripe/disputes.json", stripe.Disputes);
        _out.Json("stripe/early_fraud_warnings.json", stripe.Warnings);
        _out.Json("warning_scenarios.json", warningExpectations);
        _out.Json("stripe/charges.json", stripe.Charges);
        _out.Json("stripe/customers.json", stripe.Customers);
        _out.Json("stripe/payment_intents.json", stripe.PaymentIntents);
        _out.Json("scenarios.json", expectations);
        var counts = new SortedDictionary<string, long>(_out.Counts, StringComparer.Ordinal)
        {
            ["stripe/disputes.json"] = stripe.Disputes.Count,
            ["stripe/early_fraud_warnings.json"] = stripe.Warnings.Count,
        };
        var manifest = new JsonObject
        {
            ["seed"] = options.Seed,
            ["as_of"] = _asOf.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["policy"] = PolicyId,
            ["counts"] = new JsonObject(counts.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
        _out.Json("manifest.json", manifest);
        return counts;
    }

    // ---------- base population ----------

    private void BaseCustomer(int index, int total)
    {
        var profile = NewCustomer(_asOf.AddDays(-Between(400, 600)));
        var ordersLeft = options.Orders / total + (index < options.Orders % total ? 1 : 0);
        var orders = new List<Order>();
        for (var i = 0; i < ordersLeft; i++)
        {
            var item = Catalog.Services[(index + (i * 7)) % Catalog.Services.Count];
            var created = _asOf.AddDays(-Between(20, 395)).AddMinutes(Between(0, 1440));
            if (created < profile.Customer.CreatedAt)
            {
                created = profile.Customer.CreatedAt.AddDays(Between(1, 30));
            }

            var roll = _rng.NextDouble();
            var outcome = roll < 0.84 ? Outcome.Delivered
                : roll < 0.90 ? Outcome.DropsRefilled
                : roll < 0.93 ? Outcome.Partial
                : roll < 0.96 ? Outcome.NotStarted
                : Outcome.SmallDropAfterGuarantee;
            if (item.Service.Kind == ServiceKind.Account)
            {
                outcome = Outcome.AccountLoggedIn;
            }

            var order = PlaceOrder(profile, item, created, outcome, MatchBy.Charge, out _);
            orders.Add(order);
            if (outcome is Outcome.Partial or Outcome.NotStarted)
            {
                var undelivered = order.Quantity - (order.Delivered ?? 0);
                Refund(order.Id, null, order.CreatedAt.AddDays(3), Owed(order.Amount, undelivered, order.Quantity), order.Currency, "undelivered part");
            }
        }

        if (_rng.NextDouble() < 0.45 && orders.Count > 0)
        {
            var about = orders[_rng.Next(orders.Count)];
            Conversation(profile, about, about.CreatedAt.AddHours(Between(2, 60)), withAnswer: true);
        }

        if (_rng.NextDouble() < 0.12)
        {
            var start = _asOf.AddDays(-Between(60, 380));
            var canceled = _rng.NextDouble() < 0.4 ? start.AddDays(Between(40, 200)) : (DateTimeOffset?)null;
            Subscribe(profile, start, canceled is { } c && c < _asOf ? c : null, _asOf, out _);
        }

        Activity(profile, _asOf);
    }

    private CustomerProfile NewCustomer(DateTimeOffset created)
    {
        var n = ++_customerSeq;
        var locale = Texts.Locales[_rng.Next(Texts.Locales.Count)];
        var first = Pick(Texts.FirstNames(locale));
        var last = Pick(Texts.LastNames(locale));
        var emailName = Ascii($"{first}.{last}").ToLowerInvariant().Replace(' ', '.');
        var offset = Texts.Offset(locale);
        var customer = new Customer
        {
            Id = $"C{100000 + n}",
            Email = $"{emailName}{n}@{Pick(["mail.example", "post.example", "inbox.example"])}",
            Name = $"{first} {last}",
            Locale = locale,
            Country = Texts.Country(locale),
            CreatedAt = created.ToOffset(offset),
            StripeCustomerId = "cus_" + Token("cus", n, 14),
            Status = "active",
        };
        _out.Line("customers.jsonl", customer);
        return new CustomerProfile(customer, locale, Texts.Currency(locale), offset,
            $"{Between(77, 95)}.{Between(1, 254)}.{Between(1, 254)}.{Between(1, 254)}",
            Token("fp", n, 32), Token("card", n, 16));
    }

    /// <param name="paidWith">The order paid for in the same checkout as this one: this order carries its charge and payment intent.</param>
    private Order PlaceOrder(CustomerProfile p, CatalogItem item, DateTimeOffset created, Outcome outcome, MatchBy matchBy, out long startCount, Order? paidWith = null)
    {
        var n = ++_orderSeq;
        var quantity = item.Service.Kind == ServiceKind.Account ? 1 : RoundQuantity(Between((int)item.MinQuantity, (int)item.MaxQuantity));
        var amount = item.PriceOf(quantity);
        var id = $"VL-{200000 + n}";
        created = created.ToOffset(p.Offset);
        startCount = item.Service.Kind == ServiceKind.Account ? 0 : Between(150, 25000);
        var events = new List<DeliveryEvent>();
        var promised = item.Service.StartWithinHours ?? 24;
        long delivered = quantity;
        string status = "completed";
        DateTimeOffset? started = null, completed = null;

        void Add(DateTimeOffset at, string type, long? del, long? observed, string? note = null) =>
            events.Add(new DeliveryEvent { OrderId = id, At = Seconds(at).ToOffset(p.Offset), Type = type, Delivered = del, ObservedCount = observed, Note = note });

        Add(created.AddMinutes(1), "queued", 0, null, "Order received and queued.");
        switch (outcome)
        {
            case Outcome.NotStarted or Outcome.AccountNotSent:
                delivered = 0;
                status = outcome == Outcome.NotStarted && created < _asOf.AddDays(-20) ? "canceled" : "pending";
                if (status == "canceled")
                {
                    Add(created.AddDays(2), "canceled", 0, null, "Provider could not start; order canceled.");
                }

                break;
            case Outcome.AccountLoggedIn or Outcome.AccountSwapRequested:
                started = created.AddHours(2);
                completed = started;
                Add(started.Value, "account_sent", 1, null, "Account credentials sent to the customer's email.");
                if (outcome == Outcome.AccountLoggedIn)
                {
                    Add(started.Value.AddHours(3), "account_login", 1, null, "First login to the delivered account.");
                }

                break;
            case Outcome.NoLog:
                started = created.AddHours(promised * 0.3);
                completed = started.Value.AddHours(20);
                events.Clear();
                break;
            default:
            {
                var auto = outcome is Outcome.AutoDelivered or Outcome.AutoLate;
                var delayHours = outcome is Outcome.LateStart ? promised * 2.5
                    : outcome is Outcome.AutoLate ? 20
                    : auto ? 6
                    : promised * (0.1 + (_rng.NextDouble() * 0.6));
                started = created.AddHours(delayHours);
                Add(started.Value, "started", 0, startCount, "Delivery started.");
                var duration = TimeSpan.FromHours(Between(8, 60));
                var share = outcome switch
                {
                    Outcome.Partial or Outcome.PartialRefunded => 0.6,
                    Outcome.InProgress => 0.4,
                    _ => 1.0,
                };
                delivered = (long)Math.Round(quantity * share);
                var third = (long)Math.Round(delivered / 3.0);
                Add(started.Value + (duration / 3), "progress", third, startCount + third);
                Add(started.Value + (duration * 2 / 3), "progress", 2 * third, startCount + (2 * third));
                if (outcome == Outcome.InProgress)
                {
                    status = "in_progress";
                    break;
                }

                if (share < 1)
                {
                    status = "partial";
                    Add(started.Value + duration, "partial", delivered, startCount + delivered, "Provider stopped; the remaining quantity cannot be delivered.");
                    break;
                }

                completed = started.Value + duration;
                Add(completed.Value, "completed", delivered, startCount + delivered, "Delivery completed.");
                var full = startCount + delivered;
                switch (outcome)
                {
                    case Outcome.DropsRefilled:
                    {
                        var lost = Math.Max(1, (long)Math.Round(quantity * 0.12));
                        Add(completed.Value.AddDays(10), "drop_detected", delivered, full - lost, "Drop detected by the daily count check.");
                        Add(completed.Value.AddDays(11), "refill_started", delivered, full - lost, "Refill started under the 30-day guarantee.");
                        Add(completed.Value.AddDays(12), "refill_completed", delivered, full, "Refill completed.");
                        break;
                    }

                    case Outcome.DropsNotRefilled:
                        Add(completed.Value.AddDays(8), "drop_detected", delivered, full - DropOf(quantity, 0.15), "Drop detected by the daily count check.");
                        Add(completed.Value.AddDays(15), "count_snapshot", delivered, full - DropOf(quantity, 0.15));
                        break;
                    case Outcome.DropBelowStart:
                        // The profile lost more than the campaign gave: below where it started.
                        Add(completed.Value.AddDays(7), "count_snapshot", delivered, full);
                        Add(completed.Value.AddDays(40), "drop_detected", delivered, startCount - Between(10, 100), "Count below the campaign's starting count.");
                        break;
                    case Outcome.DropRefillOwed:
                        Add(completed.Value.AddDays(6), "drop_detected", delivered, full - DropOf(quantity, 0.12), "Drop detected by the daily count check; refill scheduled under the 30-day guarantee.");
                        break;
                    case Outcome.SmallDropAfterGuarantee or Outcome.BigDropAfterGuarantee:
                        var dropShare = outcome == Outcome.SmallDropAfterGuarantee ? 0.08 : 0.25;
                        Add(completed.Value.AddDays(7), "count_snapshot", delivered, full);
                        Add(completed.Value.AddDays(40), "drop_detected", delivered, full - DropOf(delivered, dropShare), "Drop detected after the guarantee period.");
                        break;
                    default:
                        Add(completed.Value.AddDays(7), "count_snapshot", delivered, full + Between(0, 40));
                        break;
                }

                break;
            }
        }

        var acceptanceId = $"PA-{id}";
        var version = created < new DateTimeOffset(2025, 10, 2, 0, 0, 0, TimeSpan.Zero) ? "2024-05-01" : "2025-10-02";
        _out.Line("policy_acceptances.jsonl", new PolicyAcceptance
        {
            Id = acceptanceId,
            CustomerId = p.Customer.Id,
            OrderId = id,
            Policy = PolicyId,
            Version = version,
            Locale = p.Locale,
            AcceptedAt = created.AddSeconds(-40),
            Ip = p.Ip,
            UserAgent = CustomerProfile.UserAgent,
        });

        var order = new Order
        {
            Id = id,
            CustomerId = p.Customer.Id,
            CreatedAt = created,
            Service = item.Service,
            Link = $"https://www.{item.Service.Platform}.com/{Ascii(p.Customer.Name!).ToLowerInvariant().Replace(' ', '_')}",
            Quantity = quantity,
            Amount = amount,
            Currency = p.Currency,
            Status = status,
            StartCount = item.Service.Kind == ServiceKind.Account ? null : startCount,
            Delivered = delivered,
            StartedAt = started is null ? null : Seconds(started.Value).ToOffset(p.Offset),
            CompletedAt = completed is null ? null : Seconds(completed.Value).ToOffset(p.Offset),
            Payment = new PaymentInfo
            {
                StripeChargeId = paidWith is not null ? paidWith.Payment?.StripeChargeId : matchBy == MatchBy.Charge ? "ch_" + Token("ch", n, 24) : null,
                StripePaymentIntentId = paidWith is not null ? paidWith.Payment?.StripePaymentIntentId : matchBy == MatchBy.Metadata ? null : "pi_" + Token("pi", n, 24),
                PurchaseIp = p.Ip,
                DeviceFingerprint = p.Fingerprint,
                UserAgent = CustomerProfile.UserAgent,
            },
            PolicyAcceptanceId = acceptanceId,
        };
        _out.Line("orders.jsonl", order);
        foreach (var e in events)
        {
            _out.Line("delivery_events.jsonl", e);
        }

        return order;
    }

    private Subscription Subscribe(CustomerProfile p, DateTimeOffset start, DateTimeOffset? canceledAt, DateTimeOffset until, out List<SubscriptionRenewal> renewals)
    {
        var n = ++_subscriptionSeq;
        var item = Catalog.OfKind(ServiceKind.AutoLikes);
        var interval = _rng.NextDouble() < 0.7 ? "month" : "week";
        var price = item.PriceOf(500);
        renewals = [];
        var at = start;
        var k = 0;
        while (at <= until && (canceledAt is null || at <= canceledAt))
        {
            renewals.Add(new SubscriptionRenewal { At = at.ToOffset(p.Offset), Amount = price, Currency = p.Currency, StripeChargeId = "ch_" + Token("sub", (n * 1000) + k, 24) });
            at = interval == "month" ? at.AddMonths(1) : at.AddDays(7);
            k++;
        }

        var subscription = new Subscription
        {
            Id = $"SUB-{5000 + n}",
            CustomerId = p.Customer.Id,
            Service = new SubscriptionService { Id = item.Service.Id, Name = item.Service.Name, Kind = item.Service.Kind },
            Status = canceledAt is null ? "active" : "canceled",
            CreatedAt = start.ToOffset(p.Offset),
            CanceledAt = canceledAt?.ToOffset(p.Offset),
            Interval = interval,
            Renewals = renewals,
        };
        _out.Line("subscriptions.jsonl", subscription);
        return subscription;
    }

    private void Activity(CustomerProfile p, DateTimeOffset until)
    {
        var at = p.Customer.CreatedAt.AddHours(Between(1, 48));
        while (at < until)
        {
            var otherDevice = _rng.NextDouble() < 0.1;
            _out.Line("account_activity.jsonl", new AccountActivity
            {
                CustomerId = p.Customer.Id,
                At = at.ToOffset(p.Offset),
                Type = _rng.NextDouble() < 0.8 ? "login" : "order_viewed",
                Ip = otherDevice ? $"10{Between(0, 9)}.{Between(1, 254)}.{Between(1, 254)}.{Between(1, 254)}" : p.Ip,
                DeviceFingerprint = otherDevice ? Token("fp2", Between(1, 1_000_000), 32) : p.Fingerprint,
                UserAgent = CustomerProfile.UserAgent,
            });
            at = at.AddDays(Between(4, 21)).AddMinutes(Between(0, 1440));
        }
    }

    private void Conversation(CustomerProfile p, Order about, DateTimeOffset at, bool withAnswer)
    {
        var thread = $"T-{++_threadSeq}";
        var (subject, body) = Texts.Question(p.Locale, about.Id);
        Message(p, thread, "inbound", at, [about.Id], subject, body, Pick(["email", "live_chat", "ticket", "contact_form"]));
        if (withAnswer)
        {
            var (s2, b2) = Texts.Answer(p.Locale, about.Id);
            Message(p, thread, "outbound", at.AddHours(Between(1, 20)), [about.Id], s2, b2, "email");
        }
    }

    private void Message(CustomerProfile p, string thread, string direction, DateTimeOffset at, IReadOnlyList<string>? orderIds,
        string subject, string body, string channel, bool byEmailOnly = false)
    {
        _out.Line("support_messages.jsonl", new SupportMessage
        {
            Id = $"M-{++_messageSeq}",
            ThreadId = thread,
            CustomerId = byEmailOnly ? null : p.Customer.Id,
            Email = byEmailOnly ? $"  {p.Customer.Email.ToUpperInvariant()} " : p.Customer.Email,
            Channel = channel,
            Direction = direction,
            At = at.ToOffset(p.Offset),
            OrderIds = orderIds,
            Subject = subject,
            Body = body,
            Agent = direction == "outbound" ? Pick(["Anouk", "Mads", "Camille", "Ruby"]) : null,
        });
    }

    private void Refund(string? orderId, string? subscriptionId, DateTimeOffset at, long amount, string currency, string reason)
    {
        var n = ++_refundSeq;
        _out.Line("refunds.jsonl", new Refund
        {
            Id = $"R-{n}",
            OrderId = orderId,
            SubscriptionId = subscriptionId,
            At = at,
            Amount = amount,
            Currency = currency,
            Reason = reason,
            StripeRefundId = "re_" + Token("re", n, 24),
        });
    }

    // ---------- disputes ----------

    /// <summary>The scenarios a closed dispute cycles through: those DisputeKit would answer (open, in time, not answered yet).</summary>
    private static readonly IReadOnlyList<Scenario> Answerable =
        [.. Scenario.All.Where(s => s.Status is "needs_response" or "warning_needs_response" && !s.PastDue && s.SubmissionCount == 0 && !s.HasEvidence)];

    /// <summary>
    /// A dispute opened in the year before the set's moment and closed since: fought when the
    /// policy says fight (won three times in five), otherwise lost unanswered; an inquiry is
    /// closed. Stripe's money: the amount withdrawn with its 15.00 fee, 15.00 more when evidence
    /// went in, and on a win the amount reinstated with that second fee refunded.
    /// </summary>
    private JsonObject ClosedDispute(int index, StripeObjects stripe)
    {
        var s = Answerable[index % Answerable.Count];
        var opened = _asOf.AddDays(-(20 + ((long)index * 340 / Math.Max(1, options.Closed)))).AddMinutes(-Between(0, 1440));
        var inquiry = s.Status == "warning_needs_response";
        var fought = !inquiry && s.ExpectedVerdict == "fight";
        var status = inquiry ? "warning_closed" : fought && _rng.NextDouble() < 0.6 ? "won" : "lost";
        var closed = s with { Status = status, SubmissionCount = fought ? 1 : 0 };
        var money = new List<(long Amount, long Fee, DateTimeOffset At, string Category)>();
        var disputed = 0L;
        // Numbered apart from the open disputes, however many of those there are.
        var expected = ScenarioDispute(closed, 1_000_000 + index, stripe, opened, amount =>
        {
            disputed = amount;
            if (!inquiry)
            {
                money.Add((-amount, 1500, opened.AddHours(2), "dispute"));
            }

            if (fought)
            {
                money.Add((0, 1500, opened.AddDays(5), "dispute"));
            }

            if (status == "won")
            {
                money.Add((amount, -1500, opened.AddDays(60), "dispute_reversal"));
            }

            return money.Select((m, i) => (m.Amount, m.Fee, m.At, m.Category, $"txn_{Token("closed", (index * 4) + i, 24)}")).ToList();
        });
        expected["status"] = status;
        expected["expected_state"] = "skipped";
        expected["opened"] = opened.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        expected["amount"] = disputed;
        expected["currency"] = stripe.Disputes[^1]!["currency"]!.GetValue<string>();
        expected["fought"] = fought;
        expected["withdrawn"] = -money.Where(m => m.Amount < 0).Sum(m => m.Amount);
        expected["reinstated"] = money.Where(m => m.Amount > 0).Sum(m => m.Amount);
        expected["fees"] = money.Sum(m => m.Fee);
        expected["expected_prior_contact"] = s.Contact is Contact.AboutOrder or Contact.EmailOnly ? "yes" : "no";
        return expected;
    }

    private JsonObject ScenarioDispute(Scenario s, int index, StripeObjects stripe) => ScenarioDispute(s, index, stripe, null, null);

    /// <param name="opened">When the customer opened the dispute; by default a few days before the set's moment (40 days when past due).</param>
    /// <param name="money">The dispute's balance transactions, given its amount; none by default.</param>
    private JsonObject ScenarioDispute(Scenario s, int index, StripeObjects stripe, DateTimeOffset? opened,
        Func<long, IReadOnlyList<(long Amount, long Fee, DateTimeOffset At, string Category, string Id)>>? money)
    {
        var disputeCreated = opened ?? (s.PastDue ? _asOf.AddDays(-40) : _asOf.AddDays(-Between(2, 10)).AddMinutes(Between(0, 1440)));
        var p = NewCustomer(disputeCreated.AddDays(-Between(330, 520)));

        // Prior undisputed orders 120–365 days before the dispute, on the same card and device.
        var priors = new List<Order>();
        foreach (var daysBefore in new[] { Between(125, 200), Between(210, 330) })
        {
            priors.Add(PlaceOrder(p, Catalog.Services[(index + daysBefore) % 12], disputeCreated.AddDays(-daysBefore), Outcome.Delivered, MatchBy.Charge, out _));
        }

        var kind = s.Outcome switch
        {
            Outcome.AccountLoggedIn or Outcome.AccountNotSent or Outcome.AccountSwapRequested => ServiceKind.Account,
            Outcome.AutoDelivered or Outcome.AutoLate => ServiceKind.AutoLikes,
            _ => Catalog.Services[index % 12].Service.Kind,
        };
        var item = kind is ServiceKind.Account or ServiceKind.AutoLikes ? Catalog.OfKind(kind) : Catalog.Services[index % 12];
        var orderAge = s.Outcome switch
        {
            Outcome.SmallDropAfterGuarantee or Outcome.BigDropAfterGuarantee or Outcome.DropBelowStart => Between(48, 55),
            // Not refilled and disputed after the guarantee ended: the dropped units are refundable.
            Outcome.DropsNotRefilled => Between(36, 42),
            Outcome.DropsRefilled => Between(22, 28),
            Outcome.DropRefillOwed => Between(12, 16),
            Outcome.InProgress => 1,
            Outcome.NotStarted or Outcome.AccountNotSent => Between(4, 9),
            _ => Between(6, 30),
        };
        var orderCreated = disputeCreated.AddDays(-orderAge).AddHours(-Between(1, 20));

        Order? order = null;
        Subscription? subscription = null;
        SubscriptionRenewal? renewal = null;
        long amount;
        string chargeId;
        string? intentId;
        var metadata = new JsonObject();
        long? owed = null;
        string[]? checkout = null;

        if (s.Outcome is Outcome.RenewalNoCancel or Outcome.RenewalCancelRequested or Outcome.RenewalEarlier)
        {
            var latest = disputeCreated.AddDays(-6);
            subscription = Subscribe(p, latest.AddMonths(-4), null, latest.AddHours(1), out var renewals);
            renewal = s.Outcome == Outcome.RenewalEarlier ? renewals[^2] : renewals[^1];
            amount = renewal.Amount;
            chargeId = renewal.StripeChargeId!;
            intentId = "pi_" + Token("subpi", index, 24);
            if (s.Outcome == Outcome.RenewalCancelRequested)
            {
                var (subject, body) = Texts.CancelRequest(p.Locale);
                Message(p, $"T-{++_threadSeq}", "inbound", renewals[^1].At.AddHours(20), null, subject, body, "email");
                owed = amount;
            }
        }
        else if (s.Outcome == Outcome.NoMatch)
        {
            amount = 4990;
            chargeId = "ch_" + Token("nomatch", index, 24);
            intentId = null;
        }
        else
        {
            var outcome = s.Outcome is Outcome.RefundedFull ? Outcome.Delivered : s.Outcome;
            order = PlaceOrder(p, item, orderCreated, outcome, s.MatchBy, out _);
            amount = order.Amount;
            Order? second = null;
            if (s.SecondOrder is { } secondOutcome)
            {
                // One checkout, a second service: the same charge paid for both.
                second = PlaceOrder(p, Catalog.Services[(index + 3) % 12], orderCreated.AddSeconds(30), secondOutcome, s.MatchBy, out _, paidWith: order);
                amount += second.Amount;
                checkout = [order.Id, second.Id];
            }

            chargeId = order.Payment!.StripeChargeId ?? "ch_" + Token("unrecorded", index, 24);
            intentId = s.MatchBy == MatchBy.Metadata ? null : order.Payment.StripePaymentIntentId;
            if (s.MatchBy == MatchBy.Metadata)
            {
                metadata["order_id"] = order.Id;
            }

            owed = second is not null
                ? (s.SecondOrder is Outcome.NotStarted ? second.Amount : null)
                : s.Outcome switch
                {
                    Outcome.NotStarted or Outcome.LateStart or Outcome.AccountNotSent or Outcome.AutoLate => amount,
                    Outcome.Partial => Owed(amount, order.Quantity - order.Delivered!.Value, order.Quantity),
                    Outcome.DropsNotRefilled => Owed(amount, DropOf(order.Quantity, 0.15), order.Quantity),
                    Outcome.BigDropAfterGuarantee => Owed(amount, DropOf(order.Delivered!.Value, 0.25), order.Quantity),
                    _ => null,
                };

            if (s.Outcome == Outcome.RefundedFull)
            {
                Refund(order.Id, null, order.CreatedAt.AddDays(4), amount, order.Currency, "customer request");
            }
            else if (s.Outcome == Outcome.PartialRefunded)
            {
                Refund(order.Id, null, order.CreatedAt.AddDays(4), Owed(amount, order.Quantity - order.Delivered!.Value, order.Quantity), order.Currency, "undelivered part");
            }

            if (s.Reason == "duplicate")
            {
                // A second, distinct order placed the same day: the customer's "duplicate".
                PlaceOrder(p, item, orderCreated.AddHours(-2), Outcome.Delivered, MatchBy.Charge, out _);
            }

            AddContact(s, p, order, priors[0], disputeCreated);
        }

        Activity(p, _asOf);
        stripe.Add(p, s, index, disputeCreated, amount, chargeId, intentId, metadata, _asOf, money?.Invoke(amount));
        var expected = new JsonObject
        {
            ["dispute_id"] = stripe.LastDisputeId,
            ["scenario"] = s.Name,
            ["reason"] = s.Reason,
            ["status"] = s.Status,
            ["expected_verdict"] = s.ExpectedVerdict,
            ["expected_state"] = s.ExpectedState,
            ["expected_flag"] = s.ExpectedFlag,
            ["expected_amount_owed"] = s.ExpectedVerdict is "accept" or "partial" ? owed : null,
            ["order_id"] = order?.Id ?? subscription?.Id,
            ["order_ids"] = checkout is null ? null : new JsonArray([.. checkout.Select(id => (JsonNode)id)]),
            ["customer_id"] = s.Outcome == Outcome.NoMatch ? null : p.Customer.Id,
            ["quantity"] = order?.Quantity,
            ["delivered"] = order?.Delivered,
        };
        return expected;
    }

    // ---------- early fraud warnings ----------

    /// <summary>
    /// One early fraud warning, cycling through: an order that never started (the policy owes it:
    /// refund), a delivered order too small to be worth a dispute's fee (refund), a delivered
    /// order worth fighting for a customer with history on the same device (watch), a charge no
    /// order matches (a person), and a charge already disputed (left alone).
    /// </summary>
    private JsonObject WarningScenario(int index, StripeObjects stripe)
    {
        var kind = index % 5;
        var id = "issfr_" + Token("issfr", index, 24);
        var warned = _asOf.AddDays(-Between(1, 3)).AddMinutes(Between(0, 1440));
        if (kind == 4 && stripe.Disputes.Count > 0)
        {
            var disputed = stripe.Disputes[index % stripe.Disputes.Count]!;
            var charge = disputed["charge"]!.GetValue<string>();
            stripe.AddWarning(id, charge, disputed["payment_intent"]?.GetValue<string>(), warned, "made_with_stolen_card", actionable: false);
            return WarningExpectation(id, charge, "already_disputed", "disputed", null);
        }

        var p = NewCustomer(warned.AddDays(-Between(330, 520)));
        if (kind == 3)
        {
            var charge = "ch_" + Token("efwnomatch", index, 24);
            stripe.AddCharge(p, charge, null, 3490, warned.AddDays(-12), "visa", "4111", disputed: false);
            stripe.AddWarning(id, charge, null, warned, "unauthorized_use_of_card", actionable: true);
            Activity(p, _asOf);
            return WarningExpectation(id, charge, "no_order", "needs_person", null);
        }

        var (name, outcome, item, expected) = kind switch
        {
            0 => ("not_started", Outcome.NotStarted, Catalog.Services[0], "proposed"),
            1 => ("small_delivered", Outcome.Delivered, Catalog.Services[2] with { MinQuantity = 50, MaxQuantity = 50 }, "proposed"),
            _ => ("delivered_with_history", Outcome.Delivered, Catalog.Services[5] with { MinQuantity = 1000, MaxQuantity = 1000 }, "watching"),
        };
        if (kind == 2)
        {
            // Earlier undisputed orders on the same device: the card's owner has bought here before.
            foreach (var daysBefore in new[] { Between(125, 200), Between(210, 330) })
            {
                PlaceOrder(p, Catalog.Services[(index + daysBefore) % 12], warned.AddDays(-daysBefore), Outcome.Delivered, MatchBy.Charge, out _);
            }
        }

        var order = PlaceOrder(p, item, warned.AddDays(-Between(kind == 0 ? 4 : 12, kind == 0 ? 9 : 20)), outcome, MatchBy.Charge, out _);
        var chargeId = order.Payment!.StripeChargeId!;
        stripe.AddCharge(p, chargeId, order.Payment.StripePaymentIntentId, order.Amount, order.CreatedAt, "visa", "4242", disputed: false);
        stripe.AddWarning(id, chargeId, order.Payment.StripePaymentIntentId, warned, "made_with_stolen_card", actionable: true);
        Activity(p, _asOf);
        return WarningExpectation(id, chargeId, name, expected, order.Id);
    }

    private static JsonObject WarningExpectation(string id, string chargeId, string scenario, string expectedState, string? orderId) => new()
    {
        ["warning_id"] = id,
        ["charge_id"] = chargeId,
        ["scenario"] = scenario,
        ["expected_state"] = expectedState,
        ["order_id"] = orderId,
    };

    private void AddContact(Scenario s, CustomerProfile p, Order order, Order other, DateTimeOffset disputeCreated)
    {
        var before = order.CreatedAt + ((disputeCreated - order.CreatedAt) / 2);
        switch (s.Contact)
        {
            case Contact.AboutOrder when s.Outcome == Outcome.AccountSwapRequested:
            {
                var (subject, body) = Texts.SwapRequest(p.Locale, order.Id);
                Message(p, $"T-{++_threadSeq}", "inbound", order.StartedAt!.Value.AddHours(4), [order.Id], subject, body, "live_chat");
                break;
            }

            case Contact.AboutOrder when s.Outcome == Outcome.DropsRefilled:
            {
                var (subject, body) = Texts.DropComplaint(p.Locale, order.Id);
                Message(p, $"T-{++_threadSeq}", "inbound", order.CompletedAt!.Value.AddDays(10).AddHours(3), [order.Id], subject, body, "ticket");
                break;
            }

            case Contact.AboutOrder:
                Conversation(p, order, before, withAnswer: true);
                break;
            case Contact.OutboundOnly:
            {
                var (subject, body) = Texts.Answer(p.Locale, order.Id);
                Message(p, $"T-{++_threadSeq}", "outbound", before, [order.Id], subject, body, "email");
                break;
            }

            case Contact.AfterDispute:
                Conversation(p, order, disputeCreated.AddDays(1), withAnswer: false);
                break;
            case Contact.OtherOrder:
                Conversation(p, other, before, withAnswer: true);
                break;
            case Contact.EmailOnly:
            {
                var (subject, body) = Texts.Question(p.Locale, "—");
                Message(p, $"T-{++_threadSeq}", "inbound", before, null, subject, body, "contact_form", byEmailOnly: true);
                break;
            }

            case Contact.None:
                break;
        }
    }

    // ---------- helpers ----------

    /// <summary>The policy's refund of a part: the order's amount in proportion, rounded half away from zero.</summary>
    internal static long Owed(long amount, long part, long whole) =>
        (long)Math.Round((decimal)amount * part / whole, MidpointRounding.AwayFromZero);

    private static DateTimeOffset Seconds(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), t.Offset);

    private static long DropOf(long quantity, double share) => Math.Max(1, (long)Math.Round(quantity * share));

    private static long RoundQuantity(int raw) => raw < 100 ? raw : raw / 50 * 50;

    private int Between(int min, int max) => _rng.Next(min, max + 1);

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    internal static string Token(string kind, int n, int length)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{n}"));
        var text = new StringBuilder(length);
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(alphabet[hash[i % hash.Length] % alphabet.Length]);
            if (i % hash.Length == hash.Length - 1)
            {
                hash = SHA256.HashData(hash);
            }
        }

        return text.ToString();
    }

    private static string Ascii(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder();
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(c switch { 'ø' => 'o', 'Ø' => 'O', 'æ' => 'a', 'Æ' => 'A', 'å' => 'a', _ => c });
            }
        }

        return plain.ToString();
    }
}

internal sealed record CustomerProfile(Customer Customer, string Locale, string Currency, TimeSpan Offset, string Ip, string Fingerprint, string CardFingerprint)
{
    public static string UserAgent => "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";
}
