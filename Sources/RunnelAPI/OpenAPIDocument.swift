import Hummingbird
import NIOCore

/// The OpenAPI 3.1 description of the routes ``APIRoutes`` registers, served at
/// `GET /openapi.yaml`. `OpenAPITests` checks that every operation in it is a route of the
/// router and every route of the router is in it: change both together.
public enum OpenAPIDocument {
    /// The content type it is served with.
    public static let contentType = "application/yaml"

    /// The document, as YAML.
    public static let yaml = header + paths + components

    /// `GET /openapi.yaml`.
    static func response() -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: yaml)))
    }

    static let header = #"""
        openapi: 3.1.0
        info:
          title: Runnel API
          version: 0.1.0
          description: >-
            The HTTP API of `runnel serve`. JSON in and out; errors are
            `{"error": {"code", "message", "details"}}`. Workflow ids are percent-encoded in
            paths (`data/etl` is `data%2Fetl`). Every route but /healthz, /readyz, /openapi.yaml,
            the editor schemas (/schema/{name}.json), the gallery reads (explore, community, public/{id}) and the inbound hooks needs an API key; reads need the `read` scope, runs and events
            `run`, deletes `admin`.
        servers:
          - url: http://127.0.0.1:8080
        security:
          - bearer: []
          - apiKey: []

        """#

    static let components = #"""
        components:
          securitySchemes:
            bearer: {type: http, scheme: bearer, description: "Authorization: Bearer <key>"}
            apiKey: {type: apiKey, in: header, name: x-api-key}
          parameters:
            WorkflowID:
              name: id
              in: path
              required: true
              description: The workflow id, percent-encoded (`data/etl` is `data%2Fetl`).
              schema: {type: string, maxLength: 200, pattern: "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$"}
            RunID:
              name: run_id
              in: path
              required: true
              schema: {type: string}
            IfMatch: {name: If-Match, in: header, description: "The branch tip the change is based on: the ETag of GET /api/workflows/{id} (or `branch_commit`, or `base_commit` in the body); `*` for any; 409 `stale` when the branch has moved", schema: {type: string}}
            Limit: {name: limit, in: query, description: "1…200, default 50", schema: {type: integer, minimum: 1, maximum: 200, default: 50}}
            Offset: {name: offset, in: query, schema: {type: integer, minimum: 0, maximum: 2147483647, default: 0}}
            RunStatus: {name: status, in: query, schema: {$ref: "#/components/schemas/RunStatus"}}
            Trigger: {name: trigger, in: query, description: "The trigger type: manual, schedule, event, webhook, workflow", schema: {type: string}}
            Since: {name: since, in: query, description: ISO 8601 time; runs created at or after it, schema: {type: string, format: date-time}}
            Until: {name: until, in: query, description: ISO 8601 time; runs created before it, schema: {type: string, format: date-time}}
            Before: {name: before, in: query, description: "A cursor: runs older than this run id (next_cursor of the previous page); pages don't shift as runs arrive", schema: {type: string, minLength: 1}}
          responses:
            Error:
              description: An error.
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
          schemas:
            Error:
              type: object
              required: [error]
              properties:
                error:
                  type: object
                  required: [code, message, details]
                  properties:
                    code: {type: string, examples: [bad_request, invalid_input, unauthorized, forbidden, not_found, conflict, unprocessable, too_large]}
                    message: {type: string}
                    details: {description: "More about the error, or null."}
            ApprovalDecision:
              type: object
              properties:
                approved: {type: boolean}
                by: {type: string, description: "The API key's name, or the address a link was sent to (`link` for a link that names nobody)"}
                note: {type: [string, "null"]}
                input: {}
                via: {enum: [api, link]}
                at: {type: string, format: date-time}
            ApprovalWait:
              type: object
              properties:
                run_id: {type: string}
                workflow_id: {type: string}
                step_id: {type: string}
                kind: {type: string, description: "`approval` for approval steps; other waits name theirs (`tool_call`)"}
                message: {type: [string, "null"]}
                approvers: {type: array, items: {type: string}}
                required: {type: integer}
                remaining: {type: integer}
                decisions: {type: array, items: {$ref: "#/components/schemas/ApprovalDecision"}}
                since: {type: string, format: date-time}
                expires_at: {type: [string, "null"], format: date-time}
                on_timeout: {enum: [reject, approve]}
                input_schema: {description: JSON Schema of the input an approval must carry, or null}
                data: {description: "What the kind needs shown (a tool call: {tool, arguments, call_id}), or null"}
                started_by: {type: [string, "null"]}
            ApprovalDecisionResult:
              type: object
              properties:
                run_id: {type: string}
                step_id: {type: string}
                status: {enum: [waiting, approved, rejected]}
                remaining: {type: integer}
                decisions: {type: array, items: {$ref: "#/components/schemas/ApprovalDecision"}}
            RunStatus:
              type: string
              enum: [queued, running, awaiting_approval, paused, completed, failed, cancelled, skipped]
            Diagnostic:
              type: object
              properties:
                file: {type: string}
                line: {type: integer}
                column: {type: integer}
                severity: {type: string}
                message: {type: string}
                rule: {type: string}
            RunSummary:
              type: object
              properties:
                id: {type: string}
                workflow_id: {type: string}
                status: {$ref: "#/components/schemas/RunStatus"}
                trigger: {type: string}
                created_at: {type: string, format: date-time}
                completed_at: {type: [string, "null"], format: date-time}
            RunList:
              type: object
              properties:
                runs: {type: array, items: {$ref: "#/components/schemas/RunSummary"}}
                total: {type: integer}
                next_cursor: {type: [string, "null"], description: The `before` of the next page when more runs match}
            RunRecord:
              type: object
              properties:
                id: {type: string}
                workflow_id: {type: string}
                workflow_version: {type: [integer, "null"]}
                commit: {type: [string, "null"]}
                status: {$ref: "#/components/schemas/RunStatus"}
                trigger: {type: object, properties: {type: {type: string}, details: {type: object}}}
                inputs: {type: object}
                created_at: {type: string, format: date-time}
                started_at: {type: [string, "null"], format: date-time}
                completed_at: {type: [string, "null"], format: date-time}
                duration_seconds: {type: [number, "null"]}
                step_runs: {type: array, items: {type: object}}
                outputs: {type: [object, "null"]}
                error: {type: [string, "null"]}
                stopped_by: {type: [string, "null"], description: "Who cancelled or paused the run: the API key's name, `cli`, or `runnel` for its own policies"}
                last_event_id: {type: integer}
            WorkflowSummary:
              type: object
              properties:
                id: {type: string}
                path: {type: string}
                status: {type: string, enum: [draft, active, paused, archived, invalid]}
                name: {type: [string, "null"]}
                description: {type: [string, "null"]}
                tags: {type: array, items: {type: string}}
                commit: {type: [string, "null"]}
                step_count: {type: integer}
                error_count: {type: integer}
                latest_run: {oneOf: [{$ref: "#/components/schemas/RunSummary"}, {type: "null"}]}
                mcp:
                  description: "The workflow as an MCP tool (on.mcp), or null."
                  oneOf:
                    - type: "null"
                    - {type: object, properties: {description: {type: string}, input_schema: {type: object}}}
            Workflow:
              allOf:
                - $ref: "#/components/schemas/WorkflowSummary"
                - type: object
                  properties:
                    definition: {description: "The active version's definition, or null."}
                    branch_commit: {type: [string, "null"], description: "The branch tip now (also the ETag): what a write's If-Match names"}
                    errors: {type: array, items: {$ref: "#/components/schemas/Diagnostic"}}
            PublicWorkflow:
              type: object
              description: "The public allow-list: nothing else of the workflow is shown."
              properties:
                id: {type: string}
                name: {type: string}
                description: {type: [string, "null"]}
                publish: {type: object, properties: {title: {type: [string, "null"]}, description: {type: [string, "null"]}, categories: {type: array, items: {type: string}}, icon: {type: [string, "null"]}}}
                inputs: {type: array, items: {type: object, properties: {name: {type: string}, type: {type: string}, required: {type: boolean}, enum: {type: [array, "null"]}, description: {type: [string, "null"]}}}}
                triggers: {type: array, items: {enum: [schedule, event, webhook, workflow]}}
                steps: {type: array, items: {type: object, properties: {id: {type: string}, name: {type: [string, "null"]}, type: {type: string}}}}
                dag: {type: object, properties: {nodes: {type: array, items: {type: string}}, edges: {type: array, items: {type: array, items: {type: string}}}}}
            PublicList:
              type: object
              properties:
                workflows: {type: array, items: {$ref: "#/components/schemas/PublicWorkflow"}}
                total: {type: integer}
                limit: {type: integer}
                offset: {type: integer}
            Connection:
              type: object
              properties:
                name: {type: string}
                type: {type: [string, "null"]}
                base_url: {type: [string, "null"]}
                auth: {type: [string, "null"], enum: [bearer, basic, header, query, null]}
                allowed_hosts: {type: array, items: {type: string}}
                probe: {type: boolean, description: Whether it declares a probe request}
                secrets_defined: {type: boolean}
                workflows: {type: array, items: {type: string}, description: The active workflows that bind a toolkit to it}
            StopRequest:
              type: object
              properties:
                reason: {type: [string, "null"], description: "Why; recorded as the run's `error` (default `Stopped by user`, or `Paused by user` for a pause)"}
            Accepted:
              type: object
              properties:
                run_id: {type: string}
                status: {type: string}
            WorkflowWrite:
              type: object
              required: [definition]
              properties:
                definition: {description: "The workflow as YAML text, or as a JSON object (written as block YAML)", oneOf: [{type: string}, {type: object}]}
                path: {type: [string, "null"], maxLength: 220, pattern: "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$", description: "Create only: the id or path below workflows/ (default: the name as a slug)"}
                change_summary: {type: [string, "null"], description: The commit message}
                base_commit: {type: [string, "null"], description: "The branch tip the change is based on (as If-Match); 409 when the branch has moved"}
            Definition:
              type: object
              required: [definition]
              properties:
                definition: {description: "The workflow as YAML text, or as a JSON object", oneOf: [{type: string}, {type: object}]}
                path: {type: [string, "null"], description: "The id or path it would have (for the diagnostics' file names)"}
            Written:
              allOf:
                - $ref: "#/components/schemas/WorkflowSummary"
                - type: object
                  properties:
                    commit: {type: string, description: The commit made on the watched branch}
                    branch_commit: {type: string, description: "The branch tip after the write (the same commit; also the ETag): the base of the next write"}
            Schedule:
              type: object
              properties:
                id: {type: string, description: "`<workflow-id>#<name>`; name is the schedule's `id:` or its index"}
                cron: {type: string}
                timezone: {type: string}
                catchup: {enum: [none, last, all]}
                next: {type: array, items: {type: string, format: date-time}}
                handled_through: {type: [string, "null"], format: date-time}
            Draft:
              type: object
              properties:
                id: {type: string}
                branch: {type: string, description: "drafts/<id, '/' as '-'>"}
                commit: {type: string}
                status: {const: draft}
                yaml: {type: string}
                plan:
                  type: object
                  properties:
                    name: {type: string}
                    description: {type: [string, "null"]}
                    status: {type: string}
                    triggers: {type: array, items: {type: string}}
                    steps: {type: array, items: {type: object, properties: {id: {type: string}, type: {type: string}, depends_on: {type: array, items: {type: string}}, if: {type: string}}}}
                turns: {type: integer, description: Model requests made}
                repairs: {type: array, items: {type: array, items: {type: string}}, description: The diagnostics of each rejected answer}
            Template:
              type: object
              properties:
                id: {type: string}
                origin: {enum: [repository, builtin]}
                name: {type: [string, "null"]}
                description: {type: [string, "null"]}
                tags: {type: array, items: {type: string}}
                valid: {type: boolean}
                parameters:
                  type: array
                  items:
                    type: object
                    properties:
                      name: {type: string}
                      type: {enum: [string, integer, number, boolean, object, array]}
                      required: {type: boolean}
                      default: {description: "The default, or null"}
                      enum: {type: [array, "null"]}
                      description: {type: [string, "null"]}

        """#
}
