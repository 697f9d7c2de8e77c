/// Converts byte positions in a UTF-8 buffer to 0-based Unicode scalar offsets.
///
/// ASCII text (the common case) maps one to one with no table; other text gets a table of the
/// scalar offset at each byte, built once.
struct ScalarOffsets {
    private let base: Int
    private let table: [Int]?

    /// Offsets for `bytes`, counted from `bytes.startIndex`.
    init(_ bytes: ArraySlice<UInt8>) {
        base = bytes.startIndex
        var isASCII = true
        for byte in bytes where byte >= 0x80 {
            isASCII = false
            break
        }
        if isASCII {
            table = nil
            return
        }
        var offsets: [Int] = []
        offsets.reserveCapacity(bytes.count + 1)
        var scalar = 0
        for byte in bytes {
            offsets.append(scalar)
            if byte & 0xC0 != 0x80 { scalar += 1 }
        }
        offsets.append(scalar)  // the end position
        table = offsets
    }

    /// The scalar offset of byte position `position` (an index into the original slice).
    func scalarOffset(_ position: Int) -> Int {
        guard let table else { return position - base }
        let index = position - base
        return index < table.count ? table[index] : table[table.count - 1]
    }
}
