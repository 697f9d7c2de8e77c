/// Why a step's attempt failed before or while doing its work; becomes the step's error.
struct StepFailure: Error, CustomStringConvertible, Sendable {
    /// The message recorded as the step's error.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
