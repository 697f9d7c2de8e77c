/// A syntax error in a cron expression, with the place where the bad part starts.
///
/// The message names the field and the rule that was broken, for example
/// `minute value 60 is out of range 0-59`, `expected 5 fields, found 6` or
/// `'L' is not supported`.
public struct CronError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What is wrong, in one sentence without a trailing period.
    public var message: String
    /// The 0-based character offset into the expression text where the bad part starts.
    public var offset: Int

    /// Creates an error with a message and the offset it refers to.
    /// - Parameters:
    ///   - message: What is wrong.
    ///   - offset: The 0-based character offset into the expression text.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message followed by its offset, e.g. `hour value 24 is out of range 0-23 at offset 2`.
    public var description: String { "\(message) at offset \(offset)" }
}

extension CronError {
    static func empty() -> CronError {
        CronError(message: "empty cron expression", offset: 0)
    }

    static func fieldCount(_ found: Int, at offset: Int) -> CronError {
        CronError(message: "expected 5 fields, found \(found)", offset: offset)
    }

    static func unknownMacro(_ text: String, at offset: Int) -> CronError {
        CronError(message: "unknown macro '\(text)'", offset: offset)
    }

    static func textAfterMacro(_ macro: String, at offset: Int) -> CronError {
        CronError(message: "unexpected text after '\(macro)'", offset: offset)
    }

    static func unsupported(_ feature: String, at offset: Int) -> CronError {
        CronError(message: "'\(feature)' is not supported", offset: offset)
    }

    static func outOfRange(_ field: CronField, value: String, at offset: Int) -> CronError {
        CronError(message: "\(field.name) value \(value) is out of range \(field.lowerBound)-\(field.upperBound)", offset: offset)
    }

    static func reversedRange(_ field: CronField, _ low: String, _ high: String, at offset: Int) -> CronError {
        CronError(message: "\(field.name) range \(low)-\(high) is reversed", offset: offset)
    }

    static func badStep(_ field: CronField, step: String, at offset: Int) -> CronError {
        CronError(message: "\(field.name) step \(step) is out of range 1-\(field.upperBound)", offset: offset)
    }

    static func unknownName(_ field: CronField, _ name: String, at offset: Int) -> CronError {
        CronError(message: "unknown \(field.name) name '\(name)'", offset: offset)
    }

    static func namesNotAllowed(_ field: CronField, _ name: String, at offset: Int) -> CronError {
        CronError(message: "\(field.name) field accepts only numbers, found '\(name)'", offset: offset)
    }

    static func missingValue(_ field: CronField, after context: String?, at offset: Int) -> CronError {
        if let context {
            return CronError(message: "expected a value after '\(context)' in the \(field.name) field", offset: offset)
        }
        return CronError(message: "expected a value in the \(field.name) field", offset: offset)
    }

    static func missingStep(_ field: CronField, at offset: Int) -> CronError {
        CronError(message: "expected a number after '/' in the \(field.name) field", offset: offset)
    }

    static func unexpected(_ character: Character, in field: CronField, at offset: Int) -> CronError {
        CronError(message: "unexpected character '\(character)' in the \(field.name) field", offset: offset)
    }
}
