/// One step of the database schema: applied once, in version order, each in the same
/// transaction as the others pending (``Migrator``).
public struct Migration: Sendable {
    /// Its number; versions only grow and are never reused.
    public var version: Int
    /// What it adds.
    public var name: String
    /// Its statements, in order.
    public var statements: [String]

    /// A migration.
    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}

extension Migration {
    /// Every migration, oldest first. Add new ones at the end; never edit an applied one.
    public static let all: [Migration] = [runs, webhookDeliveries, apiKeys, secrets]

    /// Runs, their events and their step logs; the indexes answer the list queries (each filter
    /// newest first, the time range, the retention per workflow).
    static let runs = Migration(version: 1, name: "runs", statements: [
        """
        CREATE TABLE runnel_runs (
            id text PRIMARY KEY,
            workflow_id text NOT NULL,
            status text NOT NULL,
            trigger text NOT NULL,
            created_at timestamptz NOT NULL,
            completed_at timestamptz,
            last_event_id bigint NOT NULL DEFAULT 0,
            last_log_seq bigint NOT NULL DEFAULT 0,
            record jsonb NOT NULL
        )
        """,
        "CREATE INDEX runnel_runs_workflow ON runnel_runs (workflow_id, id)",
        "CREATE INDEX runnel_runs_status ON runnel_runs (status, id)",
        "CREATE INDEX runnel_runs_trigger ON runnel_runs (trigger, id)",
        "CREATE INDEX runnel_runs_created ON runnel_runs (created_at)",
        """
        CREATE TABLE runnel_run_events (
            run_id text NOT NULL REFERENCES runnel_runs (id) ON DELETE CASCADE,
            id bigint NOT NULL,
            event jsonb NOT NULL,
            PRIMARY KEY (run_id, id)
        )
        """,
        """
        CREATE TABLE runnel_step_logs (
            run_id text NOT NULL REFERENCES runnel_runs (id) ON DELETE CASCADE,
            seq bigint NOT NULL,
            step_id text NOT NULL,
            size integer NOT NULL,
            line jsonb NOT NULL,
            PRIMARY KEY (run_id, seq)
        )
        """,
        "CREATE INDEX runnel_step_logs_step ON runnel_step_logs (run_id, step_id, seq)",
    ])

    /// The inbound webhook deliveries that started runs, by delivery id, for the replay window.
    static let webhookDeliveries = Migration(version: 2, name: "webhook deliveries", statements: [
        "CREATE TABLE runnel_webhook_deliveries (key text PRIMARY KEY, run_id text NOT NULL, recorded_at timestamptz NOT NULL)",
        "CREATE INDEX runnel_webhook_deliveries_time ON runnel_webhook_deliveries (recorded_at)",
    ])

    /// The API keys (hashes only); one active key per name, kept by a partial unique index so
    /// that two nodes can't both create it.
    static let apiKeys = Migration(version: 3, name: "api keys", statements: [
        """
        CREATE TABLE runnel_api_keys (
            seq bigserial PRIMARY KEY, name text NOT NULL, hash text NOT NULL, scopes text[] NOT NULL,
            created_at timestamptz NOT NULL, revoked boolean NOT NULL DEFAULT false)
        """,
        "CREATE UNIQUE INDEX runnel_api_keys_active_name ON runnel_api_keys (name) WHERE NOT revoked",
        "CREATE INDEX runnel_api_keys_hash ON runnel_api_keys (hash) WHERE NOT revoked",
    ])

    /// Secrets every node shares, made once (the approval-link key).
    static let secrets = Migration(version: 4, name: "shared secrets", statements: [
        "CREATE TABLE runnel_secrets (name text PRIMARY KEY, value bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())",
    ])
}
