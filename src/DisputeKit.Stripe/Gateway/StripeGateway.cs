using System.Runtime.CompilerServices;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Warnings;
using DisputeKit.Stripe.Client;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Sdk = global::Stripe;

namespace DisputeKit.Stripe.Gateway;

/// <summary>
/// DisputeKit's gateway port on Stripe.net: every call the product makes to Stripe, through
/// Stripe's own library (its encoding, its models, its errors) over an <see cref="HttpClient"/>
/// that carries <see cref="StripeResilience"/>. Stripe.net's own retries are off: the pipeline
/// is the one retry layer. Stripe.net's exceptions are mapped here, at the edge, to DisputeKit's
/// <see cref="Client.StripeException"/> (a refusal), <see cref="DisputeGatewayUnavailableException"/>
/// (an outage) or <see cref="HttpRequestException"/> (no answer).
/// </summary>
public sealed class StripeGateway : IDisputeGateway, IWarningGateway, IDisposable
{
    private readonly Sdk.StripeClient _stripe;
    private readonly StripeResilience? _resilience;
    private readonly HttpClient? _ownedHttp;

    /// <param name="http">A client whose handlers include <see cref="StripeResilience"/> (the factory's <see cref="StripeHttp.ClientName"/>).</param>
    /// <param name="resilience">That pipeline, when its retry count is to be read through <see cref="Retries"/>.</param>
    /// <param name="ownsHttp">Dispose <paramref name="http"/> and the pipeline with this gateway (a stack built by <see cref="StripeHttp.CreateGateway"/>).</param>
    public StripeGateway(HttpClient http, StripeOptions options, StripeResilience? resilience = null, bool ownsHttp = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new InvalidOperationException("No Stripe API key: set Stripe:ApiKey or the STRIPE_API_KEY environment variable.");
        }

        if (StripeOptions.IsLiveKey(options.ApiKey) && !options.AllowLiveKeys)
        {
            throw new InvalidOperationException("A live Stripe key was given but Stripe:AllowLiveKeys is false; set it to true to work on live disputes.");
        }

        _resilience = resilience;
        _ownedHttp = ownsHttp ? http : null;
        _stripe = new Sdk.StripeClient(new Sdk.StripeClientOptions
        {
            ApiKey = options.ApiKey,
            ApiBase = options.ApiBase.GetLeftPart(UriPartial.Authority),
            FilesBase = options.FilesBase.GetLeftPart(UriPartial.Authority),
            HttpClient = new Sdk.SystemNetHttpClient(http, maxNetworkRetries: 0, appInfo: null, enableTelemetry: false),
        });
    }

    /// <summary>Retries made so far by the pipeline under this gateway (0 when it was not given).</summary>
    public int Retries => _resilience?.Retries ?? 0;

    public void Dispose()
    {
        if (_ownedHttp is not null)
        {
            _ownedHttp.Dispose();
            _resilience?.Dispose();
        }
    }

    public IAsyncEnumerable<Dispute> ListDisputesAsync(CancellationToken cancellationToken) =>
        // Each dispute comes with its charge, so gathering the evidence needs no request of its own per dispute.
        PagesAsync("GET /v1/disputes", _stripe.V1.Disputes.ListAutoPagingAsync(new Sdk.DisputeListOptions { Limit = 100, Expand = ["data.charge"] }, null, cancellationToken),
            StripeModels.Dispute, cancellationToken);

    public IAsyncEnumerable<Core.Events.StripeEvent> ListEventsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        PagesAsync("GET /v1/events", _stripe.V1.Events.ListAutoPagingAsync(
                new Sdk.EventListOptions { Types = [.. Core.Events.StripeEvent.WantedTypes], Limit = 100, Created = new Sdk.DateRangeOptions { GreaterThan = since.UtcDateTime } }, null, cancellationToken),
            e => StripeModels.Event(e, "catch_up"), cancellationToken);

    public IAsyncEnumerable<EarlyFraudWarning> ListWarningsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        PagesAsync("GET /v1/radar/early_fraud_warnings", _stripe.V1.Radar.EarlyFraudWarnings.ListAutoPagingAsync(
                new Sdk.Radar.EarlyFraudWarningListOptions { Limit = 100, Created = new Sdk.DateRangeOptions { GreaterThanOrEqual = since.UtcDateTime } }, null, cancellationToken),
            StripeModels.Warning, cancellationToken);

    public async Task<EarlyFraudWarning> GetWarningAsync(string warningId, CancellationToken cancellationToken) =>
        StripeModels.Warning(await CallAsync($"GET /v1/radar/early_fraud_warnings/{warningId}", null, null,
            () => _stripe.V1.Radar.EarlyFraudWarnings.GetAsync(warningId, null, null, cancellationToken)));

    public async Task<RefundResult> RefundAsync(RefundRequest refund, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var options = new Sdk.RefundCreateOptions
        {
            Charge = refund.ChargeId,
            Amount = refund.Amount,
            Metadata = new Dictionary<string, string>(refund.Metadata, StringComparer.Ordinal),
        };
        if (refund.Reason is { } reason)
        {
            // Set only when there is one: Stripe.net sends a property set to null as an empty value.
            options.Reason = reason;
        }

        var made = await CallAsync("POST /v1/refunds", null, idempotencyKey, () =>
            _stripe.V1.Refunds.CreateAsync(options, new Sdk.RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken));
        return new RefundResult(made.Id, made.Amount, made.Status ?? "succeeded");
    }

    /// <summary>Every item of a Stripe list across its pages, as Core's type; a failure on any page is mapped as any call's is.</summary>
    private static async IAsyncEnumerable<TOut> PagesAsync<TIn, TOut>(
        string request, IAsyncEnumerable<TIn> pages, Func<TIn, TOut> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var items = pages.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            TIn item;
            try
            {
                if (!await items.MoveNextAsync())
                {
                    yield break;
                }

                item = items.Current;
            }
            catch (Exception e) when (Map(e, request, null, null) is { } mapped)
            {
                throw mapped;
            }

            yield return map(item);
        }
    }

    public async Task<Dispute> GetDisputeAsync(string disputeId, CancellationToken cancellationToken) =>
        StripeModels.Dispute(await CallAsync($"GET /v1/disputes/{disputeId}", disputeId, null, () => _stripe.V1.Disputes.GetAsync(disputeId, null, null, cancellationToken)));

    public async Task<ChargeDetails> GetChargeAsync(string chargeId, CancellationToken cancellationToken) =>
        StripeModels.Charge(await CallAsync($"GET /v1/charges/{chargeId}", null, null, () => _stripe.V1.Charges.GetAsync(chargeId, null, null, cancellationToken)));

    public async Task<string> UploadEvidenceFileAsync(
        string fileName, ReadOnlyMemory<byte> content, string contentType, string idempotencyKey, CancellationToken cancellationToken)
    {
        EvidenceGuard.CheckFile(fileName, content);

        // A seekable stream: a retried attempt sends the same bytes under the same boundary and key.
        using var data = new MemoryStream(content.ToArray(), writable: false);
        var file = await CallAsync("POST /v1/files", null, idempotencyKey, () => _stripe.V1.Files.CreateAsync(
            new Sdk.FileCreateOptions
            {
                File = new Sdk.MultipartFileContent { Data = data, Name = fileName, Type = contentType },
                Purpose = "dispute_evidence",
            },
            new Sdk.RequestOptions { IdempotencyKey = idempotencyKey },
            cancellationToken));
        return file.Id;
    }

    public async Task<Dispute> UpdateEvidenceAsync(
        string disputeId, EvidenceUpdate evidence, bool submit, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        EvidenceGuard.CheckFields(disputeId, evidence);

        // Stripe's default is submit=true: always say which one is meant. (Whether a submission may
        // go is CaseActions' decision, on the dispute read just before; Stripe refuses a closed one.)
        var options = new Sdk.DisputeUpdateOptions
        {
            Evidence = EvidenceOptions(evidence),
            Metadata = evidence.Metadata.Count == 0 ? null : new Dictionary<string, string>(evidence.Metadata, StringComparer.Ordinal),
            Submit = submit,
            IntendedSubmissionMethod = evidence.IntendedSubmissionMethod,
        };
        return StripeModels.Dispute(await CallAsync($"POST /v1/disputes/{disputeId}", disputeId, idempotencyKey, () =>
            _stripe.V1.Disputes.UpdateAsync(disputeId, options, new Sdk.RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken)));
    }

    public async Task<Dispute> CloseDisputeAsync(string disputeId, string idempotencyKey, CancellationToken cancellationToken) =>
        StripeModels.Dispute(await CallAsync($"POST /v1/disputes/{disputeId}/close", disputeId, idempotencyKey, () =>
            _stripe.V1.Disputes.CloseAsync(disputeId, null, new Sdk.RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken)));

    /// <summary>Adds <paramref name="value"/> to a Radar value list; the new item's id (<c>rsli_…</c>).</summary>
    public async Task<string> AddRadarValueAsync(string valueListId, string value, string idempotencyKey, CancellationToken cancellationToken)
    {
        var item = await CallAsync("POST /v1/radar/value_list_items", null, idempotencyKey, () => _stripe.V1.Radar.ValueListItems.CreateAsync(
            new Sdk.Radar.ValueListItemCreateOptions { ValueList = valueListId, Value = value },
            new Sdk.RequestOptions { IdempotencyKey = idempotencyKey },
            cancellationToken));
        return item.Id;
    }

    /// <summary>Removes a Radar value list item; false when Stripe no longer has it.</summary>
    public async Task<bool> RemoveRadarValueAsync(string itemId, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync($"DELETE /v1/radar/value_list_items/{itemId}", null, null, () => _stripe.V1.Radar.ValueListItems.DeleteAsync(itemId, null, null, cancellationToken));
            return true;
        }
        catch (Client.StripeException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static Sdk.DisputeEvidenceOptions? EvidenceOptions(EvidenceUpdate evidence)
    {
        if (evidence.Fields.Count == 0 && evidence.VisaCompellingEvidence3 is null && evidence.Appeal is null && evidence.ComplianceFeeAcknowledged is null)
        {
            return null;
        }

        var options = new Sdk.DisputeEvidenceOptions();
        EvidenceFields.Write(options, evidence.Fields);
        if (evidence.Appeal is { } appeal)
        {
            options.Appeal = new Sdk.DisputeEvidenceAppealOptions
            {
                Card = new Sdk.DisputeEvidenceAppealCardOptions { ReasonForFiling = appeal.ReasonForFiling, SupportingFiles = [.. appeal.SupportingFiles] },
            };
        }

        // Only a person's submit --acknowledge-fee sets this: the fee is theirs to accept. (Stripe.net
        // sends a property set to null as an empty value, so it is set only when there is one.)
        if (evidence.ComplianceFeeAcknowledged is { } fee and (ComplianceDisputes.Visa or ComplianceDisputes.Mastercard))
        {
            options.EnhancedEvidence = fee == ComplianceDisputes.Mastercard
                ? new() { MastercardCompliance = new() { FeeAcknowledged = true } }
                : new() { VisaCompliance = new() { FeeAcknowledged = true } };
        }
        if (evidence.VisaCompellingEvidence3 is { } ce3)
        {
            var disputed = ce3.DisputedTransaction;
            options.EnhancedEvidence = new Sdk.DisputeEvidenceEnhancedEvidenceOptions
            {
                VisaCompellingEvidence3 = new Sdk.DisputeEvidenceEnhancedEvidenceVisaCompellingEvidence3Options
                {
                    DisputedTransaction = new Sdk.DisputeEvidenceEnhancedEvidenceVisaCompellingEvidence3DisputedTransactionOptions
                    {
                        CustomerAccountId = disputed.CustomerAccountId,
                        CustomerDeviceFingerprint = disputed.CustomerDeviceFingerprint,
                        CustomerDeviceId = disputed.CustomerDeviceId,
                        CustomerEmailAddress = disputed.CustomerEmailAddress,
                        CustomerPurchaseIp = disputed.CustomerPurchaseIp,
                        MerchandiseOrServices = disputed.MerchandiseOrServices,
                        ProductDescription = disputed.ProductDescription,
                    },
                    PriorUndisputedTransactions = [.. ce3.PriorUndisputedTransactions.Select(t =>
                        new Sdk.DisputeEvidenceEnhancedEvidenceVisaCompellingEvidence3PriorUndisputedTransactionOptions
                        {
                            Charge = t.Charge,
                            CustomerAccountId = t.CustomerAccountId,
                            CustomerDeviceFingerprint = t.CustomerDeviceFingerprint,
                            CustomerDeviceId = t.CustomerDeviceId,
                            CustomerEmailAddress = t.CustomerEmailAddress,
                            CustomerPurchaseIp = t.CustomerPurchaseIp,
                            ProductDescription = t.ProductDescription,
                        })],
                },
            };
        }

        return options;
    }

    private static async Task<T> CallAsync<T>(string request, string? disputeId, string? idempotencyKey, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (Map(e, request, disputeId, idempotencyKey) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary>
    /// Stripe.net's failures as DisputeKit's: a refusal keeps Stripe's status, type, code, param,
    /// message and request id (named by dispute where it is about one); an answer that is not
    /// Stripe's JSON is named by its size, never shown; an open circuit is an outage; a timeout
    /// is no answer. Anything else is not Stripe's to explain (null: thrown as it is).
    /// </summary>
    private static Exception? Map(Exception e, string request, string? disputeId, string? idempotencyKey)
    {
        switch (e)
        {
            case Sdk.StripeException s:
                var status = (int)s.HttpStatusCode;
                var error = s.StripeError;
                var requestId = s.StripeResponse?.RequestId;
                if (error is null || (error.Type is null && error.Code is null && error.Message is null))
                {
                    // Something in front of Stripe (a proxy's error page, a cut-off answer): named, never printed.
                    var length = s.StripeResponse?.Content?.Length ?? 0;
                    return new Client.StripeException(status, "api_error", null, null,
                        $"{request}: the answer is not Stripe's JSON ({length:N0} characters that do not parse; not shown)", requestId, idempotencyKey);
                }

                var message = error.Message ?? $"{request} failed";
                if (disputeId is not null && status is >= 400 and < 500 and not (401 or 403 or 429))
                {
                    // Names the dispute in Stripe's refusal, so finance knows which case it is about.
                    message = $"dispute {disputeId}: {message}";
                }

                return new Client.StripeException(status, error.Type, error.Code, error.Param, message, requestId, idempotencyKey);
            case BrokenCircuitException:
                return new DisputeGatewayUnavailableException(
                    "Stripe is failing too often (connection failures, timeouts or 5xx); requests are paused. Try again later.", e);
            case TimeoutRejectedException:
                return new HttpRequestException($"Stripe did not answer in time ({request}): {e.Message}", e);
            default:
                return null;
        }
    }
}
