/// A libgit2 handle owned by Swift: freed with its own `git_*_free` when the last reference
/// goes away.
final class Owned {
    let raw: OpaquePointer
    private let release: (OpaquePointer?) -> Void

    init(_ raw: OpaquePointer, free release: @escaping (OpaquePointer?) -> Void) {
        self.raw = raw
        self.release = release
    }

    deinit { release(raw) }
}
