extension OpenAPIDocument {
    /// The connection routes (`APIRoutes+connections.swift`).
    static let connectionPaths = #"""
          /api/connections:
            get:
              summary: "The connections of runnel.yaml: name, type, base URL, auth type, allowed hosts, whether their secrets are defined, the workflows using each. Never a secret value."
              responses:
                "200":
                  description: The connections.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          connections: {type: array, items: {$ref: "#/components/schemas/Connection"}}
                          total: {type: integer}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/connections/{name}/test:
            post:
              summary: Send the connection's declared `probe` request through it (auth and allowed hosts applied).
              parameters: [{name: name, in: path, required: true, schema: {type: string}}]
              responses:
                "200":
                  description: What the probe found (`ok` false when it failed or answered an unexpected status).
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          name: {type: string}
                          ok: {type: boolean}
                          status: {type: [integer, "null"]}
                          url: {type: string}
                          error: {type: [string, "null"]}
                          duration_ms: {type: integer}
                "404": {$ref: "#/components/responses/Error"}
                "422": {description: The connection declares no probe., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/connections:
            get:
              summary: "The toolkits of the workflow's active version: required (used by a step or tool) and bound (in `connections:`), with the connection and its state."
              parameters: [{$ref: "#/components/parameters/WorkflowID"}]
              responses:
                "200":
                  description: The toolkits.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          workflow_id: {type: string}
                          toolkits:
                            type: array
                            items:
                              type: object
                              properties:
                                toolkit: {type: string}
                                required: {type: boolean}
                                bound: {type: boolean}
                                connection: {type: [string, "null"]}
                                declared: {type: boolean}
                                secrets_defined: {type: boolean}
                "400": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/change-connection:
            patch:
              summary: Bind one toolkit of the workflow to a connection of runnel.yaml, as a validated commit (`connections:` edited in place).
              parameters: [{$ref: "#/components/parameters/WorkflowID"}, {$ref: "#/components/parameters/IfMatch"}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [toolkitSlug, connectionId]
                      properties:
                        toolkitSlug: {type: string, minLength: 1}
                        connectionId: {type: string, minLength: 1}
                        change_summary: {type: [string, "null"]}
                        base_commit: {type: [string, "null"]}
              responses:
                "200": {description: The commit and the workflow as it runs now., content: {application/json: {schema: {$ref: "#/components/schemas/Written"}}}}
                "400": {description: "A missing field, or a toolkit the workflow neither uses nor binds.", content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "404": {description: An unknown workflow or connection., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "409": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}

        """#
}
