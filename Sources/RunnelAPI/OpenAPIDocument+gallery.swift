extension OpenAPIDocument {
    /// The community gallery routes (`APIRoutes+gallery.swift`).
    static let galleryPaths = #"""
          /api/workflows/explore:
            get:
              summary: "The published workflows of the active commit, featured first (no key needed; the public allow-list)."
              security: []
              parameters:
                - {name: limit, in: query, description: "1…200, default 25", schema: {type: integer, minimum: 1, maximum: 200, default: 25}}
                - {$ref: "#/components/parameters/Offset"}
              responses:
                "200": {description: "A page of public views; ETag: the active commit.", content: {application/json: {schema: {$ref: "#/components/schemas/PublicList"}}}}
                "400": {$ref: "#/components/responses/Error"}
          /api/workflows/community:
            get:
              summary: "The published workflows, filtered by category and text (no key needed)."
              security: []
              parameters:
                - {name: category, in: query, schema: {type: string}}
                - {name: q, in: query, description: "Text in the name, description, title or publish description (any case)", schema: {type: string}}
                - {name: limit, in: query, description: "1…200, default 25", schema: {type: integer, minimum: 1, maximum: 200, default: 25}}
                - {$ref: "#/components/parameters/Offset"}
              responses:
                "200": {description: "A page of public views; ETag: the active commit.", content: {application/json: {schema: {$ref: "#/components/schemas/PublicList"}}}}
                "400": {$ref: "#/components/responses/Error"}
          /api/workflows/public/{id}:
            get:
              summary: "One published workflow's public view (no key needed); ETag: the active commit."
              security: []
              parameters: [{$ref: "#/components/parameters/WorkflowID"}]
              responses:
                "200": {description: The public view., content: {application/json: {schema: {$ref: "#/components/schemas/PublicWorkflow"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
          /api/workflows/public/{id}/install:
            post:
              summary: Copy a public workflow into the repository as a new workflow (without its publish block), as a commit.
              parameters: [{$ref: "#/components/parameters/WorkflowID"}, {$ref: "#/components/parameters/IfMatch"}]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, required: [name], properties: {name: {type: string, minLength: 1}, change_summary: {type: [string, "null"]}, base_commit: {type: [string, "null"]}}}
              responses:
                "201": {description: The new workflow and the commit., content: {application/json: {schema: {$ref: "#/components/schemas/Written"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {description: A workflow with that id exists (or the branch moved)., content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
                "415": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/publish:
            post:
              summary: "Write the workflow's `publish:` block as a validated commit (an invalid workflow is refused with 422)."
              parameters: [{$ref: "#/components/parameters/WorkflowID"}, {$ref: "#/components/parameters/IfMatch"}]
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        title: {type: [string, "null"]}
                        description: {type: [string, "null"]}
                        categories: {type: [array, "null"], items: {type: string, minLength: 1}}
                        icon: {type: [string, "null"]}
                        change_summary: {type: [string, "null"]}
                        base_commit: {type: [string, "null"]}
              responses:
                "200": {description: The commit and the workflow as it runs now., content: {application/json: {schema: {$ref: "#/components/schemas/Written"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}
          /api/workflows/{id}/unpublish:
            post:
              summary: "Remove the workflow's `publish:` block as a commit; 409 when it is not published."
              parameters: [{$ref: "#/components/parameters/WorkflowID"}, {$ref: "#/components/parameters/IfMatch"}]
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {change_summary: {type: [string, "null"]}, base_commit: {type: [string, "null"]}}}
              responses:
                "200": {description: The commit and the workflow as it runs now., content: {application/json: {schema: {$ref: "#/components/schemas/Written"}}}}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
                "422": {$ref: "#/components/responses/Error"}

        """#
}
