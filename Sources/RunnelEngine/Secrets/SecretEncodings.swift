import Foundation

/// The forms a secret value commonly takes on its way out, each of which ``SecretMasker``
/// masks: the value itself, each line of a multi-line value, JSON string escapes (as
/// `json.dumps`, `JSON.stringify`, `jq` and Foundation write them, with and without `\/`
/// and `\uXXXX` for non-ASCII), URL encoding (`%XX`, with `%20` or `+` for a space), and
/// base64 and base64url at each of the three alignments a value can have inside a longer
/// encoded text (as GitHub Actions registers them).
enum SecretEncodings {
    /// Every form of `value` to mask; forms shorter than `minimum` characters are left out.
    static func forms(of value: String, minimum: Int) -> Set<String> {
        var raw: Set<String> = [value]
        if value.contains(where: \.isNewline) {
            for line in value.split(whereSeparator: \.isNewline) { raw.insert(String(line)) }
        }
        var forms = Set<String>()
        for text in raw where text.count >= minimum {
            forms.insert(text)
            forms.insert(json(text, asciiOnly: false, slash: false))
            forms.insert(json(text, asciiOnly: true, slash: false))
            forms.insert(json(text, asciiOnly: false, slash: true))
            forms.insert(json(text, asciiOnly: true, slash: true))
            forms.insert(url(text, spaceAsPlus: false))
            forms.insert(url(text, spaceAsPlus: true))
            for shift in 0..<3 {
                if let fragment = base64(text, shift: shift) {
                    forms.insert(fragment)
                    forms.insert(fragment.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"))
                }
            }
        }
        return forms.filter { $0.count >= minimum }
    }

    /// The inside of a JSON string holding `text`.
    static func json(_ text: String, asciiOnly: Bool, slash: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/" where slash: out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || (asciiOnly && scalar.value > 0x7E) {
                    for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `text` percent-encoded as a URL query value (unreserved characters kept).
    static func url(_ text: String, spaceAsPlus: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80, character.isLetter || character.isNumber || "-._~".contains(character) {
                out.append(character)
            } else if byte == 0x20, spaceAsPlus {
                out.append("+")
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// The base64 characters that `text` alone decides when it starts `shift` bytes into a
    /// 3-byte group: the characters that mix with the bytes before or after are cut off.
    static func base64(_ text: String, shift: Int) -> String? {
        let bytes = [UInt8](repeating: 0, count: shift) + Array(text.utf8)
        let encoded = Array(Data(bytes).base64EncodedString().utf8.filter { $0 != UInt8(ascii: "=") })
        // Leading: a shift of 1 spends 1 whole and 1 mixed character on the padding byte, 2: 2 and 1.
        let drop = shift == 0 ? 0 : shift + 1
        // Trailing: a last group of 1 byte gives 1 whole character (the 2nd mixes), of 2 bytes 2 (the 3rd mixes).
        let remainder = bytes.count % 3
        let full = (bytes.count / 3) * 4 + (remainder == 0 ? 0 : remainder)
        guard full > drop, full <= encoded.count else { return nil }
        return String(decoding: encoded[drop..<full], as: UTF8.self)
    }
}
