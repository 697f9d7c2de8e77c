public import Foundation

/// Records, events and log lines as the stores hold them: the compact JSON of ``RunCoding``
/// (snake_case keys, sorted, ISO 8601 times with milliseconds). One owner for every store, so
/// that a file store and a database store hold the same text.
public enum RunJSON {
    /// `event` encoded with `encoder`; data that can't be written (nested deeper than JSON
    /// coding allows) must not leave the run unrecorded: the event is kept without it, saying why.
    /// - Returns: the event as recorded and its JSON.
    /// - Throws: ``RunStoreError`` (``RunStoreError/Code/corrupt``) when even that fails.
    public static func storable(_ event: RunEvent, runID: String, encoder: JSONEncoder) throws(RunStoreError) -> (event: RunEvent, json: Data) {
        do {
            return (event, try encoder.encode(event))
        } catch {
            var stripped = event
            let reason = "its data could not be recorded (\(error))"
            stripped.data = nil
            stripped.error = stripped.error.map { $0 + "; " + reason } ?? reason
            do { return (stripped, try encoder.encode(stripped)) } catch {
                throw RunStoreError(code: .corrupt, description: "cannot encode an event of run \(runID): \(error)", underlying: error)
            }
        }
    }

    /// A new compact encoder (one per store: encoders are not shared across tasks).
    public static func encoder() -> JSONEncoder { RunCoding.encoder(pretty: false) }

    /// A new decoder for what ``encoder()`` wrote.
    public static func decoder() -> JSONDecoder { RunCoding.decoder() }

    /// The compact JSON of a record.
    public static func text(of record: RunRecord) throws(RunStoreError) -> String {
        try text(record, what: "run \(record.id)")
    }

    /// The compact JSON of a log line.
    public static func text(of line: StepLogLine) throws(RunStoreError) -> String {
        try text(line, what: "a log line of step \(line.stepID)")
    }

    /// Decodes a value that a store wrote; `what` names it in the error.
    public static func decode<Value: Decodable>(_ type: Value.Type, from text: String, what: String) throws(RunStoreError) -> Value {
        do { return try RunCoding.decoder().decode(type, from: Data(text.utf8)) } catch {
            throw RunStoreError(code: .corrupt, description: "\(what) is unreadable: \(error)", underlying: error)
        }
    }

    private static func text(_ value: some Encodable, what: String) throws(RunStoreError) -> String {
        do { return String(decoding: try RunCoding.encoder(pretty: false).encode(value), as: UTF8.self) } catch {
            throw RunStoreError(code: .corrupt, description: "cannot encode \(what): \(error)", underlying: error)
        }
    }
}
