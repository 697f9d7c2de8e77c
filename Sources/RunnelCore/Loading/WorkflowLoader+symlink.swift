extension WorkflowLoader {
    /// The result for a workflow file that is a symbolic link (or lies below one): one
    /// `symlink` error, and the link is never read. `runnel validate`, `runnel run`,
    /// `runnel check` and the daemon all answer a link this way, whatever it points to.
    /// - Parameters:
    ///   - path: The workflow file's path as shown.
    ///   - link: The path that is a link, when it is a folder above the file.
    public static func symlink(path: String, link: String? = nil) -> LoadResult {
        LoadResult(path: path, text: "", workflow: nil, diagnostics: [symlinkDiagnostic(path: path, link: link)])
    }

    /// The `symlink` error of ``symlink(path:link:)``.
    public static func symlinkDiagnostic(path: String, link: String? = nil) -> Diagnostic {
        let what = link.map { "'\($0)', a folder above this file," } ?? "this file"
        return Diagnostic(.error, "\(what) is a symbolic link; Runnel never reads workflows through links (one could point outside the repository), so commit the file itself",
                          file: path, at: .start, rule: "symlink")
    }
}
