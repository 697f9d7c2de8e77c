extension Diagnostic {
    /// The most characters of a source line shown above a caret.
    public static let shownLineLimit = 200

    /// A source line as shown above a caret (its first 200 characters).
    public static func shown(_ line: Substring) -> String {
        String(String.UnicodeScalarView(Array(line.unicodeScalars).prefix(shownLineLimit)))
    }

    /// What stands before the caret under 1-based `column` of `line`: a space per character,
    /// a tab per tab (so the caret lines up whatever the tab width), as `runnel validate` prints it.
    public static func caretPadding(column: Int, of line: Substring) -> String {
        line.unicodeScalars.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
    }
}
