public import RunnelCore

/// What Runnel's MCP tools do, as calls that answer the JSON of Runnel's HTTP API (the same
/// shapes as `GET /api/workflows`, `GET /api/runs/{id}`…). ``APIOperations`` is the one
/// implementation, over an ``APITransport``: a running daemon's HTTP API (`runnel mcp --api`),
/// or the router of the API itself, in process (`POST /mcp`, and `runnel mcp` over a local repository).
public protocol RunnelOperations: Sendable {
    /// `GET /api/workflows` with these filters.
    func listWorkflows(_ filter: [String: String]) async throws(OperationError) -> JSONValue
    /// `GET /api/workflows/{id}`: the definition, state and errors.
    func workflow(_ id: String) async throws(OperationError) -> JSONValue
    /// `GET /api/workflows/{id}/schedules`: each schedule with its next fire times.
    func schedules(_ id: String) async throws(OperationError) -> JSONValue
    /// The workflow's file as it is in its newest version (YAML text).
    func workflowFile(_ id: String) async throws(OperationError) -> String
    /// `POST /api/workflows/validate`: `{valid, errors}` for a definition (YAML or JSON text).
    func validate(_ definition: String, path: String?) async throws(OperationError) -> JSONValue
    /// `GET /api/templates`.
    func templates() async throws(OperationError) -> JSONValue
    /// `POST /api/templates/{id}/install`: a commit adding the workflow.
    func installTemplate(_ id: String, name: String?, parameters: [String: JSONValue]) async throws(OperationError) -> JSONValue
    /// `POST /api/workflows/{id}/run` recording `trigger` (`manual` or `mcp`): `{run_id, status}`.
    func trigger(_ id: String, inputs: [String: JSONValue], trigger: String) async throws(OperationError) -> JSONValue
    /// `GET /api/runs/{id}`: the run record.
    func run(_ id: String) async throws(OperationError) -> JSONValue
    /// `GET /api/runs/{id}/logs?tail=N`.
    func logTail(_ runID: String, lines: Int) async throws(OperationError) -> JSONValue
    /// `POST /api/runs/{id}/cancel`.
    func cancel(_ runID: String) async throws(OperationError) -> JSONValue
    /// `GET /api/runs` with these filters.
    func listRuns(_ filter: [String: String]) async throws(OperationError) -> JSONValue
    /// `GET /api/approvals`: the waits a person decides.
    func approvals() async throws(OperationError) -> JSONValue
}
