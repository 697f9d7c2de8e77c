/// `script`: a program run in a fresh temporary folder. Values reach it through `env`,
/// never through the script text.
public struct ScriptConfig: Sendable, Hashable {
    /// The script text.
    public var run: Located<String>
    /// The interpreter.
    public var shell: ScriptShell
    /// Environment variables (templates).
    public var env: [NamedValue]
    /// stdout/stderr beyond this are cut (default 1 MB).
    public var maxOutputBytes: Int?
}

/// Interpreters a script may use.
public enum ScriptShell: String, Sendable, Hashable, CaseIterable {
    case sh, bash, python3
}
