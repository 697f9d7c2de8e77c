import ArgumentParser
import RunnelCore

extension Runnel {
    struct Templates: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the templates (the repository's templates/ and the built-in gallery) with their parameters.")

        @OptionGroup var options: RepositoryOptions

        func run() throws {
            let context = try? GitContext(options)
            for template in TemplateCatalog.templates(in: context) {
                let name = template.workflow?.name ?? "(does not load)"
                print("\(template.id)\t\(template.origin.rawValue)\t\(name)")
                if let description = template.workflow?.description { print("  \(description)") }
                for spec in template.parameters {
                    var line = "  --set \(spec.name.value)=<\(spec.type.rawValue)>"
                    if spec.required && spec.defaultValue == nil { line += "  (required)" }
                    if let value = spec.defaultValue?.value { line += "  default \(value.serialized())" }
                    if let allowed = spec.allowedValues { line += "  one of \(allowed.map { $0.serialized() }.joined(separator: ", "))" }
                    if let description = spec.description { line += "  \(description)" }
                    print(line)
                }
            }
        }
    }
}
