using DisputeKit.Postgres;
using Npgsql;

namespace DisputeKit.Storage.Postgres;

/// <summary>
/// The store's tables, created and upgraded by numbered migrations the tool runs at start
/// (<see cref="PostgresMigrations"/>).
/// </summary>
public static class PostgresSchema
{
    private const long MigrationLock = 0x4469_7370_7574_654B; // "DisputeK"

    private static readonly Migration[] Migrations =
    [
        new(1, "cases, audit, claims, packs, flags, sweeps", """
            create table dk_cases (
                dispute_id  text primary key,
                state       text not null,
                due_by      timestamptz,
                customer_id text,
                record      jsonb not null,
                updated_at  timestamptz not null default now());
            create index dk_cases_state_due on dk_cases (state, due_by);
            create index dk_cases_customer on dk_cases (customer_id) where customer_id is not null;

            -- Append-only: one row per transition, in order. The case record holds everything else.
            create table dk_case_audit (
                dispute_id text not null references dk_cases (dispute_id) on delete cascade,
                seq        integer not null,
                at         timestamptz not null,
                to_state   text not null,
                cause      text not null,
                entry      jsonb not null,
                primary key (dispute_id, seq));

            -- One row per case ever claimed; a worker holds the row locked (FOR UPDATE SKIP LOCKED)
            -- in an open transaction while it works the case.
            create table dk_case_claims (dispute_id text primary key);

            create table dk_packs (
                dispute_id text primary key,
                pdf        bytea not null,
                saved_at   timestamptz not null default now());

            create table dk_flags (
                customer_id text primary key,
                state       text not null,
                severity    text not null,
                record      jsonb not null,
                updated_at  timestamptz not null);
            create index dk_flags_state on dk_flags (state);

            create table dk_sweeps (
                id          bigserial primary key,
                scope       text not null,
                started_at  timestamptz not null,
                finished_at timestamptz not null,
                disputes    integer not null,
                failed      integer not null,
                urgent      integer not null,
                summary     jsonb not null);
            create index dk_sweeps_started on dk_sweeps (started_at desc);
            """),
        new(2, "flags keyed by flag id: one open per customer, closed ones kept", """
            alter table dk_flags add column flag_id text;
            -- As AccountFlag.NewId: the customer and the flag's creation time.
            update dk_flags set flag_id = coalesce(record->>'id', customer_id || '-' || to_char((record->>'created_at')::timestamptz at time zone 'UTC', 'YYYYMMDDHH24MISS'));
            alter table dk_flags alter column flag_id set not null;
            alter table dk_flags drop constraint dk_flags_pkey;
            alter table dk_flags add primary key (flag_id);
            create unique index dk_flags_one_open on dk_flags (customer_id) where state in ('proposed', 'confirmed');
            create index dk_flags_customer on dk_flags (customer_id);
            """),
        new(3, "Stripe events received (webhooks and catch-up), each kept once", """
            create table dk_events (
                id          text primary key,
                type        text not null,
                created     timestamptz not null,
                object_id   text,
                source      text not null,
                received_at timestamptz not null,
                worked_at   timestamptz,
                result      text);
            create index dk_events_pending on dk_events (created, id) where worked_at is null;
            create index dk_events_created on dk_events (created desc);
            """),
        new(4, "early fraud warnings' cases, and their claims", """
            create table dk_warnings (
                id         text primary key,
                state      text not null,
                charge_id  text not null,
                warned_at  timestamptz not null,
                record     jsonb not null,
                updated_at timestamptz not null);
            create index dk_warnings_state on dk_warnings (state);
            create index dk_warnings_charge on dk_warnings (charge_id);

            create table dk_warning_claims (id text primary key);
            """),
        new(5, "messages read from support sources (the mailbox, a helpdesk), and each source's position", """
            create table dk_support_messages (
                source     text not null,
                source_id  text not null,
                email      text,
                thread_id  text,
                order_ids  text[] not null default '{}',
                at         timestamptz not null,
                record     jsonb not null,
                primary key (source, source_id));
            create index dk_support_messages_email on dk_support_messages (email);
            create index dk_support_messages_thread on dk_support_messages (source, thread_id);
            create index dk_support_messages_orders on dk_support_messages using gin (order_ids);

            create table dk_support_sources (
                source    text primary key,
                position  text,
                synced_at timestamptz,
                failed_at timestamptz,
                problem   text);
            """),
        new(6, "support messages tied to a shop customer (a helpdesk requester's external id)", """
            alter table dk_support_messages add column customer_id text;
            create index dk_support_messages_customer on dk_support_messages (customer_id);
            """),
    ];

    /// <summary>The newest migration this build knows.</summary>
    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Applies every migration the database has not had yet.</summary>
    public static Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        PostgresMigrations.ApplyAsync(dataSource, "DisputeKit database", "dk_migrations", MigrationLock, Migrations, cancellationToken);
}
