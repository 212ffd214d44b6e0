using System.Text.RegularExpressions;
using DisputeKit.Postgres;
using Npgsql;

namespace DisputeKit.MerchantData.Postgres;

/// <summary>
/// The seller's records as PostgreSQL tables in their own schema: one table per file of the
/// merchant-data format with the same column names, nested objects as prefixed columns
/// (<c>service_kind</c>, <c>payment_purchase_ip</c>), <c>order_ids</c> as a text array, and a
/// subscription's renewals in <c>subscription_renewals</c>. Every lookup of
/// <see cref="PostgresMerchantRecords"/> has its index.
/// </summary>
public static partial class MerchantSchema
{
    private const long MigrationLock = 0x4469_7370_4D65_7263; // "DispMerc"

    /// <summary>How a support message's email is compared: trimmed of white space, lower case. The index and the lookup use this very expression.</summary>
    internal const string EmailKey = @"lower(btrim(email, E' \t\r\n'))";

    private static readonly Migration[] Migrations =
    [
        new(1, "merchant records and an index for every lookup", $$"""
            create table {schema}.customers (
                id                 text primary key,
                email              text not null,
                name               text,
                locale             text,
                country            text,
                created_at         timestamptz not null,
                stripe_customer_id text,
                status             text);

            create table {schema}.orders (
                id                               text primary key,
                customer_id                      text not null,
                created_at                       timestamptz not null,
                service_id                       text not null,
                service_name                     text not null,
                service_platform                 text,
                service_kind                     text not null,
                service_start_within_hours       double precision,
                service_refill_days              double precision,
                service_target_country           text,
                link                             text,
                quantity                         bigint not null,
                amount                           bigint not null,
                currency                         text not null,
                status                           text not null,
                start_count                      bigint,
                delivered                        bigint,
                started_at                       timestamptz,
                completed_at                     timestamptz,
                payment_stripe_charge_id         text,
                payment_stripe_payment_intent_id text,
                payment_purchase_ip              text,
                payment_device_fingerprint       text,
                payment_device_id                text,
                payment_user_agent               text,
                subscription_id                  text,
                policy_acceptance_id             text);
            create index orders_charge on {schema}.orders (payment_stripe_charge_id) where payment_stripe_charge_id is not null;
            create index orders_payment_intent on {schema}.orders (payment_stripe_payment_intent_id) where payment_stripe_payment_intent_id is not null;
            create index orders_customer on {schema}.orders (customer_id, created_at);

            create table {schema}.delivery_events (
                order_id       text not null,
                at             timestamptz not null,
                type           text not null,
                delivered      bigint,
                observed_count bigint,
                note           text);
            create index delivery_events_order on {schema}.delivery_events (order_id, at);

            create table {schema}.support_messages (
                id          text primary key,
                thread_id   text,
                customer_id text,
                email       text,
                channel     text not null,
                direction   text not null,
                at          timestamptz not null,
                order_ids   text[],
                subject     text,
                body        text not null,
                agent       text);
            create index support_messages_customer on {schema}.support_messages (customer_id) where customer_id is not null;
            create index support_messages_email on {schema}.support_messages ({{EmailKey}}) where email is not null;
            create index support_messages_orders on {schema}.support_messages using gin (order_ids);

            create table {schema}.policy_acceptances (
                id          text primary key,
                customer_id text not null,
                order_id    text,
                policy      text not null,
                version     text not null,
                locale      text not null,
                accepted_at timestamptz not null,
                ip          text,
                user_agent  text);
            create index policy_acceptances_customer on {schema}.policy_acceptances (customer_id, accepted_at);

            create table {schema}.account_activity (
                customer_id        text not null,
                at                 timestamptz not null,
                type               text not null,
                ip                 text,
                device_fingerprint text,
                user_agent         text);
            create index account_activity_customer on {schema}.account_activity (customer_id, at);

            create table {schema}.subscriptions (
                id           text primary key,
                customer_id  text not null,
                service_id   text,
                service_name text,
                service_kind text,
                status       text not null,
                created_at   timestamptz,
                canceled_at  timestamptz,
                interval     text);

            create table {schema}.subscription_renewals (
                subscription_id  text not null,
                at               timestamptz not null,
                amount           bigint not null,
                currency         text not null,
                stripe_charge_id text);
            create index subscription_renewals_subscription on {schema}.subscription_renewals (subscription_id, at);
            create index subscription_renewals_charge on {schema}.subscription_renewals (stripe_charge_id) where stripe_charge_id is not null;

            create table {schema}.refunds (
                id               text primary key,
                order_id         text,
                subscription_id  text,
                at               timestamptz not null,
                amount           bigint not null,
                currency         text not null,
                reason           text,
                stripe_refund_id text);
            create index refunds_order on {schema}.refunds (order_id) where order_id is not null;
            create index refunds_subscription on {schema}.refunds (subscription_id) where subscription_id is not null;
            """),
    ];

    /// <summary>Creates the schema and applies every migration it has not had yet.</summary>
    public static Task MigrateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        var name = Identifier(schema);
        return PostgresMigrations.ApplyAsync(
            dataSource, $"merchant schema '{name}'", $"{name}.dk_merchant_migrations", MigrationLock,
            [.. Migrations.Select(m => m with { Sql = m.Sql.Replace("{schema}", name, StringComparison.Ordinal) })],
            cancellationToken, setupSql: $"create schema if not exists {name}");
    }

    /// <summary>The tables of <paramref name="entities"/> that hold no row.</summary>
    public static async Task<IReadOnlyList<string>> EmptyTablesAsync(
        NpgsqlDataSource dataSource, string schema, IReadOnlyList<Files.EntityFile> entities, CancellationToken cancellationToken)
    {
        var name = Identifier(schema);
        var tables = entities.Select(e => Path.GetFileNameWithoutExtension(e.Name)).ToList();
        var empty = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"select not exists (select 1 from {name}.{table})", connection);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                empty.Add(table);
            }
        }

        return empty;
    }

    /// <summary>The schema name, checked to be a plain lower-case identifier so it can go into SQL as is.</summary>
    public static string Identifier(string schema) =>
        schema is not null && IdentifierPattern().IsMatch(schema)
            ? schema
            : throw new ArgumentException($"The merchant schema '{schema}' must be a lower-case identifier (letters, digits, '_'; at most 63).", nameof(schema));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
