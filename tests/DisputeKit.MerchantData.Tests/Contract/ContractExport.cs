namespace DisputeKit.MerchantData.Tests.Contract;

/// <summary>The export every source is tested on: good lines of each entity, and the bad lines the format says are reported.</summary>
internal static class ContractExport
{
    public static void Write(string folder)
    {
        void File(string name, params string[] lines) => System.IO.File.WriteAllLines(Path.Combine(folder, name), lines);

        File("customers.jsonl",
            """{"id":"C1","email":"Jane.Doe@Example.test","name":"Jane Doe","locale":"nl","country":"NL","created_at":"2025-01-01T09:00:00+01:00","stripe_customer_id":"cus_1","status":"active"}""",
            """{"id":"C2","created_at":"2025-01-01T00:00:00+00:00"}""",
            "{not json",
            "",
            """{"id":"C3","email":"c3@example.test","created_at":"yesterday"}""",
            """{"id":"C4","email":"c4@example.test","created_at":"2025-02-01T00:00:00Z","unknown":"ignored"}""",
            """{"id":"C1","email":"impostor@example.test","created_at":"2025-03-01T00:00:00Z"}""",
            "[1,2]");
        File("orders.jsonl",
            """{"id":"VL-1","customer_id":"C1","created_at":"2026-03-04T10:15:00+01:00","service":{"id":"ig-f","name":"Instagram Followers – HQ","platform":"instagram","kind":"followers","start_within_hours":24,"refill_days":30,"target_country":"NL"},"link":"https://instagram.test/jane","quantity":1000,"amount":4990,"currency":"eur","status":"completed","start_count":500,"delivered":1000,"started_at":"2026-03-04T16:00:00+01:00","completed_at":"2026-03-05T10:00:00+01:00","payment":{"stripe_charge_id":"ch_1","stripe_payment_intent_id":"pi_1","purchase_ip":"81.2.3.4","device_fingerprint":"fp_abcdefghijklmnopqrstu","device_id":"dev_0123456789ab","user_agent":"Mozilla/5.0"},"policy_acceptance_id":"PA-1"}""",
            """{"id":"VL-0","customer_id":"C1","created_at":"2025-09-01T08:00:00Z","service":{"id":"ig-l","name":"Likes","kind":"likes"},"quantity":100,"amount":990,"currency":"eur","status":"completed"}""",
            """{"id":"VL-2","customer_id":"C1","created_at":"2026-03-04T10:15:00+01:00","service":{"id":"s","name":"x"},"quantity":10,"amount":1,"currency":"eur","status":"completed"}""",
            """{"id":"VL-3","customer_id":"C1","created_at":"2026-03-04T10:15:00+01:00","service":{"id":"s","name":"x","kind":"likes"},"quantity":"ten","amount":1,"currency":"eur","status":"completed"}""",
            """{"id":"VL-4","customer_id":"C4","created_at":"2026-04-01T12:00:00Z","service":{"id":"auto","name":"Auto likes","kind":"auto_likes"},"quantity":50,"amount":1500,"currency":"dkk","status":"in_progress","payment":{"stripe_payment_intent_id":"pi_4"},"subscription_id":"SUB-1"}""",
            """{"id":"VL-0","customer_id":"C4","created_at":"2026-01-01T00:00:00Z","service":{"id":"x","name":"x","kind":"views"},"quantity":1,"amount":1,"currency":"eur","status":"completed"}""",
            """{"id":"VL-7","customer_id":"C9","created_at":"2026-03-04T10:15:00Z","service":{"id":"s","name":"x","kind":"likes"},"quantity":10,"amount":100,"currency":"eur","status":"completed","payment":{"stripe_charge_id":"ch_7"}}""");
        File("delivery_events.jsonl",
            """{"order_id":"VL-1","at":"2026-03-04T10:20:00+01:00","type":"queued","delivered":0}""",
            """{"order_id":"VL-1","at":"2026-03-05T10:00:00+01:00","type":"completed","delivered":1000,"observed_count":1502,"note":"done ✅"}""",
            """{"order_id":"VL-1","at":"2026-03-04T16:00:00+01:00","type":"started","delivered":0,"observed_count":500}""",
            """{"order_id":"VL-1","type":"progress"}""",
            """{"order_id":"VL-4","at":"2026-04-01T13:00:00Z","type":"started"}""");
        File("support_messages.jsonl",
            """{"id":"M3","customer_id":"C1","channel":"live_chat","direction":"outbound","at":"2026-03-06T09:00:00Z","body":"Hi Jane","agent":"Sam"}""",
            """{"id":"M1","thread_id":"T1","email":"  JANE.doe@example.TEST ","channel":"email","direction":"inbound","at":"2026-03-05T09:00:00Z","subject":"Hoi","body":"Hallo 👋 <b>hi</b> — مرحبا"}""",
            """{"id":"M2","channel":"ticket","direction":"inbound","at":"2026-03-05T09:00:00Z","order_ids":["VL-9","VL-1"],"body":"About my order"}""",
            """{"id":"M4","customer_id":"C4","email":"c4@example.test","channel":"contact_form","direction":"inbound","at":"2026-03-01T00:00:00Z","order_ids":["VL-4"],"body":"Someone else"}""",
            """{"id":"M5","customer_id":"C1","channel":"email","direction":"sideways","at":"2026-03-07T00:00:00Z"}""",
            """{"id":"M1","customer_id":"C1","channel":"email","direction":"inbound","at":"2026-03-08T00:00:00Z","body":"repeat"}""",
            """{"id":"M6","customer_id":"C9","email":"nine@example.test","channel":"email","direction":"inbound","at":"2026-03-09T00:00:00Z","body":"From someone the shop does not know"}""");
        File("policy_acceptances.jsonl",
            """{"id":"PA-0","customer_id":"C1","policy":"viplikes-refund","version":"2025-01-01","locale":"en","accepted_at":"2025-09-01T07:59:00Z"}""",
            """{"id":"PA-1","customer_id":"C1","order_id":"VL-1","policy":"viplikes-refund","version":"2025-10-02","locale":"nl","accepted_at":"2026-03-04T10:14:00+01:00","ip":"81.2.3.4","user_agent":"Mozilla/5.0"}""",
            """{"id":"PA-2","customer_id":"C1","policy":"viplikes-refund","version":"2026-06-01","locale":"nl","accepted_at":"2026-06-01T00:00:00Z"}""",
            """{"id":"PA-3","customer_id":"C1","policy":"viplikes-refund","locale":"nl","accepted_at":"2026-06-02T00:00:00Z"}""");
        File("account_activity.jsonl",
            """{"customer_id":"C1","at":"2026-03-06T08:00:00Z","type":"login","ip":"81.2.3.4","device_fingerprint":"fp_abcdefghijklmnopqrstu","user_agent":"Mozilla/5.0"}""",
            """{"customer_id":"C1","at":"2026-03-05T08:00:00Z","type":"order_viewed","ip":"81.2.3.5"}""",
            """{"customer_id":"C1","at":"not a time","type":"login"}""");
        File("subscriptions.jsonl",
            """{"id":"SUB-1","customer_id":"C4","service":{"id":"auto","name":"Auto likes","kind":"auto_likes"},"status":"active","created_at":"2026-01-01T00:00:00Z","interval":"month","renewals":[{"at":"2026-02-01T00:00:00Z","amount":1500,"currency":"dkk","stripe_charge_id":"ch_r1"},{"at":"2026-01-01T00:00:00Z","amount":1500,"currency":"dkk","stripe_charge_id":"ch_r0"}]}""",
            """{"id":"SUB-2","customer_id":"C1","status":"canceled","canceled_at":"2026-02-15T00:00:00Z","renewals":[{"at":"2026-02-01T00:00:00Z","currency":"eur"}]}""",
            """{"id":"SUB-1","customer_id":"C1","status":"active","renewals":[{"at":"2026-03-01T00:00:00Z","amount":1,"currency":"eur","stripe_charge_id":"ch_dup"}]}""",
            """{"id":"SUB-3","customer_id":"C1","status":"canceled"}""");
        // refunds.jsonl is left out: a missing file is reported and loads nothing.
    }

    /// <summary>What a source must report for <see cref="Write"/>'s export, in file and line order.</summary>
    public static IReadOnlyList<string> ExpectedIssues { get; } =
    [
        "customers.jsonl line 2, field 'email': required field is missing or null",
        "customers.jsonl line 3: not valid JSON ('n' is an invalid start of a property name)",
        "customers.jsonl line 5, field 'created_at': wrong type or format (The JSON value could not be converted to System.DateTimeOffset)",
        "customers.jsonl line 7, field 'id': duplicate id 'C1' (first on line 1); this line is left out",
        "customers.jsonl line 8: expected a JSON object",
        "orders.jsonl line 3, field 'service.kind': required field is missing or null",
        "orders.jsonl line 4, field 'quantity': wrong type or format (The JSON value could not be converted to System.Int64)",
        "orders.jsonl line 6, field 'id': duplicate id 'VL-0' (first on line 2); this line is left out",
        "orders.jsonl line 7, field 'customer_id': customer 'C9' is not in customers.jsonl; this line is left out",
        "delivery_events.jsonl line 4, field 'at': required field is missing or null",
        "support_messages.jsonl line 5, field 'body': required field is missing or null",
        "support_messages.jsonl line 6, field 'id': duplicate id 'M1' (first on line 2); this line is left out",
        "support_messages.jsonl line 7, field 'customer_id': customer 'C9' is not in customers.jsonl; the message is kept and counts by its email and order numbers",
        "policy_acceptances.jsonl line 4, field 'version': required field is missing or null",
        "account_activity.jsonl line 3, field 'at': wrong type or format (The JSON value could not be converted to System.DateTimeOffset)",
        "subscriptions.jsonl line 2, field 'renewals[0].amount': required field is missing or null",
        "subscriptions.jsonl line 3, field 'id': duplicate id 'SUB-1' (first on line 1); this line is left out",
    ];
}
