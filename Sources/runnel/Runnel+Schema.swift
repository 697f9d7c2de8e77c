import ArgumentParser
import RunnelCore

extension Runnel {
    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema (draft-07) of workflow files, templates or runnel.yaml, for editors.",
            discussion: """
                Save it in the repository and point your editor at it, e.g.
                `runnel schema workflow > schemas/workflow.schema.json`; `runnel serve` also serves
                it at /schema/workflow.json. See docs/workflow-format.md#editor-support.
                """
        )

        @Argument(help: "Which schema: workflow (default), template or settings.")
        var name = EditorSchema.workflow.rawValue

        func run() throws {
            guard let schema = EditorSchema(rawValue: name) else {
                let known = EditorSchema.allCases.map(\.rawValue).joined(separator: ", ")
                throw CLIError.usage("no schema '\(name)'; use one of: \(known)")
            }
            print(schema.json, terminator: "")
        }
    }
}
