/// Swift over libgit2 (placeholder until the repository layer lands).
enum RunnelGitPlaceholder {}
