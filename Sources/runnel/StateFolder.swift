import Foundation

/// Where the commands keep run records, daemon state and keys by default.
enum StateFolder {
    /// `explicit`, else `$RUNNEL_STATE`, else `<repo>/runnel` for a bare repository and
    /// `<repo>/.runnel` otherwise.
    /// The repository is only asked for when neither is given.
    static func resolve(_ explicit: String?, repository root: () throws -> String) rethrows -> String {
        if let explicit { return explicit }
        if let state = ProcessInfo.processInfo.environment["RUNNEL_STATE"], !state.isEmpty { return state }
        let repository = try root()
        let files = FileManager.default
        let bare = !files.fileExists(atPath: repository + "/.git")
            && files.fileExists(atPath: repository + "/HEAD") && files.fileExists(atPath: repository + "/objects")
        return repository + (bare ? "/runnel" : "/.runnel")
    }
}
