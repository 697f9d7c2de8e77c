extension OpenAPIDocument {
    /// The `paths` section: one entry per route ``APIRoutes`` registers.
    static let paths = operationsPaths + workflowPaths + runPaths + triggerPaths + approvalPaths + templatePaths + generationPaths + mcpPaths
        + connectionPaths + galleryPaths

    static let operationsPaths = #"""
        paths:
          /healthz:
            get:
              summary: Liveness.
              security: []
              responses:
                "200": {description: OK, content: {application/json: {schema: {type: object, properties: {status: {const: ok}}}}}}
          /readyz:
            get:
              summary: Readiness (the server starts after the first reconcile).
              security: []
              responses:
                "200":
                  description: Ready.
                  content:
                    application/json:
                      schema: {type: object, properties: {status: {const: ready}, active_commit: {type: [string, "null"]}, reconciling: {type: [string, "null"], description: The commit being reconciled now (the answer is from the last active state).}}}
          /openapi.yaml:
            get:
              summary: This document.
              security: []
              responses:
                "200": {description: The OpenAPI document, content: {application/yaml: {schema: {type: string}}}}
          /schema/{name}.json:
            get:
              summary: An editor JSON Schema (draft-07) of Runnel's files.
              description: workflow (workflows/**/*.yaml), template (templates/*.yaml) or settings (runnel.yaml); as `runnel schema NAME` prints it.
              security: []
              parameters:
                - {name: name, in: path, required: true, schema: {type: string, enum: [workflow, template, settings]}}
              responses:
                "200": {description: The schema, content: {application/schema+json: {schema: {type: object}}}}
                "404": {$ref: "#/components/responses/Error"}
          /metrics:
            get:
              summary: Prometheus metrics (text exposition format 0.0.4).
              description: >-
                runnel_runs{status}, runnel_runs_running, runnel_runs_queued,
                runnel_workflows{state}, runnel_active_commit_info{commit}, runnel_schedules.
              responses:
                "200": {description: The metrics, content: {text/plain: {schema: {type: string}}}}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}

        """#

    static let workflowPaths = #"""
          /api/workflows:
            get:
              summary: List workflows, sorted by id.
              parameters:
                - {name: status, in: query, schema: {type: string, enum: [draft, active, paused, archived, invalid]}}
                - {name: tag, in: query, schema: {type: string}}
                - {name: q, in: query, description: Text in the id or the name, schema: {type: string}}
                - {name: trigger_type, in: query, description: "Workflows that declare this kind of trigger; manual: those that declare none", schema: {type: string, enum: [manual, schedule, event, webhook, workflow, mcp]}}
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200":
                  description: A page of workflows and the total that matched.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          workflows: {type: array, items: {$ref: "#/components/schemas/WorkflowSummary"}}
                          total: {type: integer}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "400": {$ref: "#/components/responses/Error"}
            post:
              summary: Create a workflow as a commit on the watched branch.
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/WorkflowWrite"}
              responses:
                "201": {description: The commit and the workflow as it runs now, content: {application/json: {schema: {$ref: "#/components/schemas/Written"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "413": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}:
            get:
              summary: A workflow with its active definition and the newest file's errors.
              parameters: [{$ref: "#/components/parameters/WorkflowID"}]
              responses:
                "200": {description: The workflow, content: {application/json: {schema: {$ref: "#/components/schemas/Workflow"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
            put:
              summary: Replace a workflow's file as a commit (If-Match or base_commit checks the tip).
              parameters: [{$ref: "#/components/parameters/WorkflowID"}, {$ref: "#/components/parameters/IfMatch"}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/WorkflowWrite"}
              responses:
                "200": {description: The commit and the workflow as it runs now, content: {application/json: {schema: {$ref: "#/components/schemas/Written"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "413": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
            delete:
              summary: Delete a workflow as a commit.
              parameters: [{$ref: "#/components/parameters/WorkflowID"}, {$ref: "#/components/parameters/IfMatch"}]
              responses:
                "200": {description: Deleted, content: {application/json: {schema: {type: object, properties: {id: {type: string}, commit: {type: string}, deleted: {const: true}}}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/run:
            post:
              summary: Start a run.
              parameters: [{$ref: "#/components/parameters/WorkflowID"}]
              requestBody:
                required: false
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        input_data: {type: object}
                        trigger: {type: string, enum: [manual, mcp], default: manual, description: "What the run records as its trigger: mcp for runs an agent started through Runnel's MCP tools."}
              responses:
                "202":
                  description: The run was created.
                  content:
                    application/json:
                      schema: {type: object, properties: {run_id: {type: string}, workflow_id: {type: string}, status: {$ref: "#/components/schemas/RunStatus"}}}
                "400": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {description: "The `reject` concurrency policy refused it.", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "413": {$ref: "#/components/responses/Error"}
                "422": {description: The workflow isn't active., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/status:
            get:
              summary: "The workflow's open run, or `status: idle`."
              parameters: [{$ref: "#/components/parameters/WorkflowID"}]
              responses:
                "200":
                  description: The open run's progress.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          workflow_id: {type: string}
                          status: {type: string}
                          run_id: {type: [string, "null"]}
                          current_step: {type: [string, "null"]}
                          total_steps: {type: integer}
                          progress: {type: number, minimum: 0, maximum: 1}
                "400": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
            patch:
              summary: "Set the workflow's `status:` (draft, active, paused, archived) as a commit."
              parameters: [{$ref: "#/components/parameters/WorkflowID"}, {$ref: "#/components/parameters/IfMatch"}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, required: [status], properties: {status: {enum: [draft, active, paused, archived]}, change_summary: {type: [string, "null"]}, base_commit: {type: [string, "null"]}}}
              responses:
                "200": {description: The commit and the workflow as it runs now, content: {application/json: {schema: {$ref: "#/components/schemas/Written"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/schedules:
            get:
              summary: The workflow's schedules with their next fire times (writes are commits of the file).
              parameters: [{$ref: "#/components/parameters/WorkflowID"}]
              responses:
                "200": {description: The schedules, content: {application/json: {schema: {type: object, properties: {schedules: {type: array, items: {type: object, properties: {id: {type: string}, cron: {type: string}, timezone: {type: string}, catchup: {enum: [none, last, all]}, next: {type: array, items: {type: string, format: date-time}}, handled_through: {type: [string, "null"], format: date-time}}}}}}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
            post:
              summary: "Add a schedule to the workflow's `on.schedule`, as a commit (the file's text is kept)."
              parameters: [{$ref: "#/components/parameters/WorkflowID"}, {$ref: "#/components/parameters/IfMatch"}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [cron]
                      properties:
                        cron: {type: string, examples: ["0 9 * * 1-5"]}
                        timezone: {type: [string, "null"], description: IANA zone (default the repository's)}
                        id: {type: string, description: "Stable name; without it the schedule is named by its index"}
                        catchup: {enum: [none, last, all]}
                        inputs: {type: object}
                        change_summary: {type: [string, "null"]}
                        base_commit: {type: [string, "null"]}
              responses:
                "201":
                  description: The commit and the new schedule as the daemon runs it.
                  content:
                    application/json:
                      schema: {type: object, properties: {workflow_id: {type: string}, commit: {type: string}, schedule: {$ref: "#/components/schemas/Schedule"}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/runs:
            get:
              summary: The workflow's runs, newest first.
              parameters:
                - $ref: "#/components/parameters/WorkflowID"
                - $ref: "#/components/parameters/RunStatus"
                - $ref: "#/components/parameters/Trigger"
                - $ref: "#/components/parameters/Since"
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200": {description: A page of runs, content: {application/json: {schema: {$ref: "#/components/schemas/RunList"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/workflows/validate:
            post:
              summary: Validate a definition without writing it.
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/Definition"}
              responses:
                "200": {description: The diagnostics, content: {application/json: {schema: {type: object, properties: {valid: {type: boolean}, errors: {type: array, items: {$ref: "#/components/schemas/Diagnostic"}}}}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "413": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/versions:
            get:
              summary: The workflow's versions, newest first (version N is the Nth first-parent commit that changed its file).
              parameters: [{$ref: "#/components/parameters/WorkflowID"}]
              responses:
                "200": {description: The versions, content: {application/json: {schema: {type: object, properties: {versions: {type: array, items: {type: object, properties: {number: {type: integer}, commit: {type: string}, path: {type: string}, author: {type: string}, date: {type: string, format: date-time}, subject: {type: string}, deleted: {type: boolean}}}}}}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/versions/{n}:
            get:
              summary: One version with its parsed definition and its YAML text.
              parameters: [{$ref: "#/components/parameters/WorkflowID"}, {name: n, in: path, required: true, schema: {type: integer, minimum: 1, maximum: 2147483647}}]
              responses:
                "200": {description: The version, content: {application/json: {schema: {type: object}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/diff:
            get:
              summary: The change between two versions.
              parameters:
                - {$ref: "#/components/parameters/WorkflowID"}
                - {name: v1, in: query, required: true, schema: {type: integer, minimum: 1, maximum: 2147483647}}
                - {name: v2, in: query, required: true, schema: {type: integer, minimum: 1, maximum: 2147483647}}
              responses:
                "200": {description: "A one-line summary, an RFC 6902 JSON Patch and a unified text diff", content: {application/json: {schema: {type: object, properties: {summary: {type: string}, patch: {type: array, items: {type: object}}, text: {type: string}}}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/rollback:
            post:
              summary: A new commit restoring the workflow as it was at a version (history is kept).
              parameters: [{$ref: "#/components/parameters/WorkflowID"}, {$ref: "#/components/parameters/IfMatch"}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, required: [version], properties: {version: {type: integer, minimum: 1, maximum: 2147483647}, change_summary: {type: [string, "null"]}, base_commit: {type: [string, "null"]}}}
              responses:
                "200": {description: The commit and the workflow as it runs now, content: {application/json: {schema: {$ref: "#/components/schemas/Written"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}

        """#

    static let runPaths = #"""
          /api/runs:
            get:
              summary: Runs, newest first.
              parameters:
                - {name: workflow, in: query, description: A workflow id, schema: {type: string}}
                - $ref: "#/components/parameters/RunStatus"
                - $ref: "#/components/parameters/Trigger"
                - $ref: "#/components/parameters/Since"
                - $ref: "#/components/parameters/Until"
                - $ref: "#/components/parameters/Before"
                - $ref: "#/components/parameters/Limit"
                - $ref: "#/components/parameters/Offset"
              responses:
                "200": {description: A page of runs, content: {application/json: {schema: {$ref: "#/components/schemas/RunList"}}}}
                "400": {description: "A status, since, until, before, limit or offset that can't be read", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/runs/{run_id}:
            parameters: [{$ref: "#/components/parameters/RunID"}]
            get:
              summary: The run record with its step runs.
              responses:
                "200": {description: The record, content: {application/json: {schema: {$ref: "#/components/schemas/RunRecord"}}}}
                "404": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
            delete:
              summary: Delete a finished run's record (admin scope).
              responses:
                "204": {description: Deleted.}
                "404": {$ref: "#/components/responses/Error"}
                "409": {description: The run hasn't finished., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/runs/{run_id}/cancel:
            post:
              summary: Cancel a queued, running or paused run; the record keeps who (`stopped_by`, the key's name) and why (`error`).
              parameters: [{$ref: "#/components/parameters/RunID"}]
              requestBody:
                required: false
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/StopRequest"}
              responses:
                "202": {description: Cancelling., content: {application/json: {schema: {$ref: "#/components/schemas/Accepted"}}}}
                "404": {$ref: "#/components/responses/Error"}
                "409": {description: "The run isn't queued, running or paused.", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/runs/{run_id}/pause:
            post:
              summary: Pause a running run - its running steps finish, no new step starts, then it is `paused` (holding no slot of the global limit) until resumed or cancelled.
              parameters: [{$ref: "#/components/parameters/RunID"}]
              requestBody:
                required: false
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/StopRequest"}
              responses:
                "202": {description: Pausing (the run is `paused` once its running steps have ended)., content: {application/json: {schema: {$ref: "#/components/schemas/Accepted"}}}}
                "404": {$ref: "#/components/responses/Error"}
                "409": {description: The run isn't running., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/runs/{run_id}/resume:
            post:
              summary: Resume a paused, failed, cancelled or interrupted run, as `runnel resume`.
              parameters: [{$ref: "#/components/parameters/RunID"}]
              requestBody:
                required: false
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        from_step: {type: string}
                        input: {description: "Data for a run waiting at an approval with `input_schema`: approves that wait (as the approvals route), checked against the schema."}
                        step_id: {type: string, description: "With `input`, the waiting step when the run waits at several."}
                        note: {type: string}
              responses:
                "200": {description: "With `input`: the decision was recorded.", content: {application/json: {schema: {$ref: "#/components/schemas/ApprovalDecisionResult"}}}}
                "202": {description: Resuming., content: {application/json: {schema: {$ref: "#/components/schemas/Accepted"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {description: "A running run, or a completed one without `from_step`.", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "401": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
          /api/runs/{run_id}/stream:
            get:
              summary: The run's events as Server-Sent Events.
              description: >-
                One event per recorded run event: `id:` (the event id), `event:` (run_created,
                run_started, step_started, step_completed, step_failed, step_retrying,
                step_skipped, step_cancelled, run_awaiting_approval, approval_recorded, approval_decided,
                agent_turn, tool_call, tool_result, step_process, run_interrupted, run_completed, run_failed,
                run_cancelled, …) and `data:` (the event's JSON). `step_log` events carry the lines steps
                log as they are written (data: seq, stream, text); they are live only (`/logs` has the
                earlier ones) and repeat the id of the event before them, so Last-Event-ID resumes right.
                Open while the run waits, with a `: heartbeat` comment every 15 s; closed after
                the run's last event.
              parameters:
                - $ref: "#/components/parameters/RunID"
                - {name: Last-Event-ID, in: header, description: Replay from after this event id, schema: {type: integer, minimum: 0, maximum: 2147483647}}
                - {name: after, in: query, description: As Last-Event-ID, schema: {type: integer, minimum: 0, maximum: 2147483647}}
              responses:
                "200": {description: "The event stream; the schema is that of one event (its id, its kind, its JSON data)", content: {text/event-stream: {schema: {type: object, required: [data], properties: {id: {type: string}, event: {type: string}, data: {type: string}}}}}}
                "404": {$ref: "#/components/responses/Error"}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/runs/{run_id}/logs:
            get:
              summary: The lines the run's steps logged, masked, oldest first.
              description: >-
                A script's stdout and stderr lines, an http_request step's requests, an agent step's
                turns and tool calls, recorded as they are written. Each step keeps its newest lines
                that fit in 1 MiB, a line counting as its bytes plus 128 (older ones are dropped);
                a line longer than 8 KiB is split.
              parameters:
                - $ref: "#/components/parameters/RunID"
                - {name: step, in: query, description: Only this step's lines, schema: {type: string}}
                - {name: tail, in: query, description: Only the last N lines (1-100000), schema: {type: integer, minimum: 1, maximum: 100000}}
              responses:
                "200":
                  description: The lines.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [run_id, lines]
                        properties:
                          run_id: {type: string}
                          step: {type: [string, "null"]}
                          lines:
                            type: array
                            items:
                              type: object
                              required: [seq, step_id, attempt, stream, time, text]
                              properties:
                                seq: {type: integer}
                                step_id: {type: string}
                                attempt: {type: integer}
                                stream: {type: string, enum: [stdout, stderr, http, agent]}
                                time: {type: string, format: date-time}
                                text: {type: string}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}

        """#

    static let triggerPaths = #"""
          /api/events:
            post:
              summary: Post an event; starts the runs of every matching event trigger.
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, required: [type], properties: {type: {type: string, minLength: 1}, payload: {}}}
              responses:
                "202":
                  description: The runs started and the triggers that could not start one.
                  content:
                    application/json:
                      schema: {type: object, properties: {runs: {type: array, items: {type: string}}, problems: {type: array, items: {type: string}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
          /hooks/{workflow}/{hook}:
            post:
              summary: Inbound webhook trigger (no API key; a hook with a secret checks the signature).
              security: []
              parameters:
                - {name: workflow, in: path, required: true, description: "The workflow id, percent-encoded", schema: {type: string, maxLength: 200, pattern: "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$"}}
                - {name: hook, in: path, required: true, schema: {type: string}}
                - {name: X-Hub-Signature-256, in: header, description: "sha256=<hex HMAC-SHA256 of the body> (or X-Runnel-Signature)", schema: {type: string}}
                - {name: X-Runnel-Delivery, in: header, description: "A delivery id (or X-GitHub-Delivery, X-Gitlab-Event-UUID): a delivery seen in the last 72 hours is answered with 200 and its original run, not started again", schema: {type: string, minLength: 1, maxLength: 200}}
              requestBody:
                content:
                  application/json: {schema: {}}
                  "*/*": {schema: {type: string}}
              responses:
                "200": {description: "A replayed delivery: the run its first copy started.", content: {application/json: {schema: {type: object, properties: {run_id: {type: string}, duplicate: {const: true}}}}}}
                "202": {description: The run was started., content: {application/json: {schema: {type: object, properties: {run_id: {type: string}}}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {description: The signature is missing or wrong., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "404": {$ref: "#/components/responses/Error"}
                "409": {description: The workflow's concurrency policy rejects the run., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
          /hooks/git:
            post:
              summary: "Mirror mode: a GitHub or GitLab push webhook; the daemon fetches its remote at once (no API key; signed)."
              security: []
              parameters:
                - {name: X-Hub-Signature-256, in: header, description: "GitHub: sha256=<hex HMAC-SHA256 of the body under the --git-hook-secret>", schema: {type: string}}
                - {name: X-Gitlab-Token, in: header, description: "GitLab: the secret itself", schema: {type: string}}
                - {name: X-GitHub-Event, in: header, description: "ping answers 200 and fetches nothing", schema: {type: string}}
              requestBody:
                content:
                  application/json: {schema: {type: object, properties: {ref: {type: string}}}}
              responses:
                "200": {description: "Nothing to fetch: a ping, or a push to another branch.", content: {application/json: {schema: {type: object, properties: {fetch: {type: boolean}, reason: {type: string}}}}}}
                "202": {description: "A fetch was asked for (requests that arrive together make one fetch).", content: {application/json: {schema: {type: object, properties: {fetch: {type: boolean}}}}}}
                "401": {description: The signature is missing or wrong, or no secret is configured., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "404": {description: The daemon is not in mirror mode., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "400": {$ref: "#/components/responses/Error"}

        """#

    static let approvalPaths = #"""
          /api/approvals:
            get:
              summary: The waits that can be decided now (approval steps, tool calls that need approval), oldest first.
              parameters:
                - {name: run_id, in: query, description: Only this run's waits, schema: {type: string}}
              responses:
                "200":
                  description: The waits.
                  content:
                    application/json:
                      schema: {type: object, properties: {approvals: {type: array, items: {$ref: "#/components/schemas/ApprovalWait"}}}}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "400": {$ref: "#/components/responses/Error"}
          /api/runs/{run_id}/approvals/{step_id}:
            post:
              summary: Approve or reject a waiting step as the API key's principal.
              description: >-
                403 when the principal is not one of the step's `approvers`, or started the run and
                approves it; 409 for a second decision of the same principal; 400 (with
                `error.details.problems`) when an approval's `input` doesn't match `input_schema`.
                The step continues after `required` distinct approvals; one rejection rejects.
              parameters:
                - {$ref: "#/components/parameters/RunID"}
                - {name: step_id, in: path, required: true, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [action]
                      properties:
                        action: {enum: [approve, reject]}
                        note: {type: string}
                        input: {description: Data checked against the step's input_schema.}
              responses:
                "200": {description: The decision was recorded., content: {application/json: {schema: {$ref: "#/components/schemas/ApprovalDecisionResult"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
          /api/approvals/resume:
            get:
              summary: Follow a signed approval link (no API key; the token is the credential).
              description: >-
                Link-preview bots, crawlers and prefetches get 200 with a small page and nothing is
                decided. A browser gets a confirmation page whose form POSTs to this path. With
                `Accept: application/json` (and not text/html) the decision is applied at once.
                A forged, expired, used or mismatched token, or a step no longer waiting, gets 403
                and changes nothing.
              security: []
              parameters:
                - {name: token, in: query, required: true, schema: {type: string}}
                - {name: action, in: query, required: true, schema: {enum: [approve, reject]}}
                - {name: note, in: query, schema: {type: string}}
              responses:
                "200":
                  description: A preview page, a confirmation page, or (JSON) the decision.
                  content:
                    text/html: {schema: {type: string}}
                    application/json: {schema: {$ref: "#/components/schemas/ApprovalDecisionResult"}}
                "403": {description: The link cannot be used., content: {text/html: {schema: {type: string}}, application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "400": {$ref: "#/components/responses/Error"}
            head:
              summary: Nothing is decided (link checkers).
              security: []
              responses:
                "200": {description: OK}
            post:
              summary: Apply a signed approval link (the confirmation form posts here).
              security: []
              requestBody:
                content:
                  application/x-www-form-urlencoded:
                    schema: {type: object, properties: {token: {type: string}, action: {enum: [approve, reject]}, note: {type: string}}}
                  application/json:
                    schema: {type: object, properties: {token: {type: string}, action: {enum: [approve, reject]}, note: {type: string}, input: {}}}
              responses:
                "200":
                  description: The decision was recorded.
                  content:
                    text/html: {schema: {type: string}}
                    application/json: {schema: {$ref: "#/components/schemas/ApprovalDecisionResult"}}
                "400": {description: The input doesn't match the step's input_schema.}
                "403": {description: The link cannot be used., content: {text/html: {schema: {type: string}}, application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "415": {$ref: "#/components/responses/Error"}

        """#

    static let templatePaths = #"""
          /api/templates:
            get:
              summary: "The templates: the repository's `templates/` at the active commit over the built-in gallery."
              responses:
                "200": {description: The templates sorted by id, content: {application/json: {schema: {type: object, properties: {templates: {type: array, items: {$ref: "#/components/schemas/Template"}}}}}}}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/templates/{id}:
            get:
              summary: One template with its parameters, its YAML and its errors.
              parameters: [{name: id, in: path, required: true, description: "The template id, percent-encoded", schema: {type: string, maxLength: 200, pattern: "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$"}}]
              responses:
                "200":
                  description: The template.
                  content:
                    application/json:
                      schema:
                        allOf:
                          - $ref: "#/components/schemas/Template"
                          - {type: object, properties: {yaml: {type: string}, errors: {type: array, items: {$ref: "#/components/schemas/Diagnostic"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/templates/{id}/install:
            post:
              summary: "Install the template as `workflows/<name>.yaml`, as a commit; active at once."
              parameters: [{name: id, in: path, required: true, description: "The template id, percent-encoded", schema: {type: string, maxLength: 200, pattern: "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$"}}, {$ref: "#/components/parameters/IfMatch"}]
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        name: {type: string, maxLength: 200, pattern: "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$", description: "The workflow id (default: the template id)"}
                        params: {type: object, description: The parameters by name}
                        change_summary: {type: [string, "null"]}
                        base_commit: {type: [string, "null"]}
              responses:
                "201": {description: The commit and the workflow as it runs now, content: {application/json: {schema: {$ref: "#/components/schemas/Written"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {description: "The workflow exists already (`exists`) or the base is stale (`stale`).", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "422": {description: "A parameter doesn't fit (`invalid_parameters`, `details.parameters: [{name, message}]`) or the result doesn't validate (`invalid_definition`).", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "415": {$ref: "#/components/responses/Error"}
          /api/schedules/{id}:
            delete:
              summary: "Remove a schedule from its workflow's `on.schedule`, as a commit."
              parameters:
                - {name: id, in: path, required: true, description: "`<workflow-id>#<name>` as listed by GET /api/workflows/{id}/schedules, percent-encoded (`data%2Fetl%23nightly`); `:` may stand for `#`", schema: {type: string, pattern: "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*[#:][^#:]+$"}}
                - $ref: "#/components/parameters/IfMatch"
              responses:
                "200": {description: The commit., content: {application/json: {schema: {type: object, properties: {id: {type: string}, workflow_id: {type: string}, commit: {type: string}, deleted: {const: true}}}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}

        """#

    static let generationPaths = #"""
          /api/workflows/generate:
            post:
              summary: "Have the default model provider write a workflow; committed with status draft on branch `drafts/<id>`, never on the watched branch."
              description: >-
                The model gets the file format, the step types, the repository's workflows and tools and an
                example; its answer is validated and sent back with the diagnostics for repair, up to 3 times.
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, required: [goal], properties: {goal: {type: string, pattern: "\\S", description: What the workflow should do}, schedule: {type: [string, "null"], description: A cron the workflow must run on}, name: {type: [string, "null"], maxLength: 200, pattern: "^[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$", description: "The workflow id (default: its name as a slug)"}}}
              responses:
                "201": {description: The draft, content: {application/json: {schema: {$ref: "#/components/schemas/Draft"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "409": {description: "The workflow or its draft branch exists already.", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "422": {description: "Still invalid after the repairs (`invalid_definition` with the diagnostics); nothing committed.", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "502": {description: "No model provider, or the provider failed (`model_failed`).", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "415": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/regenerate-steps:
            post:
              summary: Have the model rewrite the draft's steps; a new commit on the same draft branch.
              parameters: [{$ref: "#/components/parameters/WorkflowID"}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, required: [reason], properties: {reason: {type: string, pattern: "\\S"}}}
              responses:
                "201": {description: The new draft, content: {application/json: {schema: {$ref: "#/components/schemas/Draft"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}
                "502": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/approve:
            post:
              summary: "Merge the draft into the watched branch with status active (a merge commit); active at once."
              parameters: [{$ref: "#/components/parameters/WorkflowID"}, {$ref: "#/components/parameters/IfMatch"}]
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {change_summary: {type: [string, "null"]}, base_commit: {type: [string, "null"]}}}
              responses:
                "200": {description: The merge commit and the workflow as it runs now, content: {application/json: {schema: {$ref: "#/components/schemas/Written"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}

        """#
}
