import ArgumentParser

/// The flags every git history command shares.
struct RepositoryOptions: ParsableArguments {
    @Option(help: "The repository: its work tree, a folder inside it, or a bare repository (default: the one enclosing the current folder).")
    var repo: String?

    @Option(help: "The branch whose history is read and written (default: the checked-out branch).")
    var branch: String?

    @Option(help: "The state folder that keeps the history index (default: <git folder>/runnel).")
    var state: String?
}
