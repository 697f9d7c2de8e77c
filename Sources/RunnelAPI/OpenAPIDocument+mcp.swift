extension OpenAPIDocument {
    /// `POST /mcp`: Runnel's MCP server (docs/mcp.md).
    static let mcpPaths = #"""
          /mcp:
            post:
              summary: "Runnel's MCP server over Streamable HTTP (stateless: one JSON-RPC message per request, answered as JSON)."
              description: "Any API key may connect; each tool call needs the scope of the API route it calls (docs/mcp.md)."
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      description: "A JSON-RPC 2.0 request (with an id) or notification (without): initialize, tools/list, tools/call, resources/list, resources/read…"
                      required: [jsonrpc, method]
                      properties:
                        jsonrpc: {const: "2.0"}
                        id: {oneOf: [{type: integer}, {type: string}]}
                        method: {type: string}
                        params: {type: object}
              responses:
                "200":
                  description: The JSON-RPC response.
                  content:
                    application/json:
                      schema: {type: object}
                "202": {description: "A notification was accepted."}
                "400": {description: "Not a JSON-RPC message.", content: {application/json: {schema: {type: object}}}}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "413": {$ref: "#/components/responses/Error"}
                "415": {description: "The body is not JSON.", content: {application/json: {schema: {type: object}}}}

        """#
}
