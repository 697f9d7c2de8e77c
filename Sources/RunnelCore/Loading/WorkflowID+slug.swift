import Foundation

extension WorkflowID {
    /// A valid workflow id made from any name: transliterated to ASCII (`Rapport über Ümlaut`
    /// is `rapport-uber-umlaut`, `日本語` is `ri-ben-yu`), lowercased, runs of anything but
    /// letters and digits turned into one `-`, at most 80 characters; `fallback` when nothing
    /// is left (`!!!`).
    public static func slug(_ name: String, fallback: String = "workflow") -> String {
        let latin = name.applyingTransform(StringTransform(rawValue: "Any-Latin; Latin-ASCII"), reverse: false) ?? name
        let words = latin.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        var slug = ""
        for word in words where slug.count + word.count + 1 <= 80 {
            slug += (slug.isEmpty ? "" : "-") + word
        }
        if slug.isEmpty, let first = words.first { slug = String(first.prefix(80)) }
        return slug.isEmpty || problem(with: slug) != nil ? fallback : slug
    }
}
