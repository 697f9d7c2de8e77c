import Yams
import Foundation
func t(_ name: String, _ s: String) {
    let start = Date()
    do {
        let n = try Yams.compose(yaml: s, Resolver.basic)
        print(name, "ok", n?.tag.description ?? "nil", Date().timeIntervalSince(start))
    } catch { print(name, "error", "\(error)".prefix(300), Date().timeIntervalSince(start)) }
}
var laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
for i in 1...9 { let p = String(UnicodeScalar(97+i-1)!); let c = String(UnicodeScalar(97+i)!); laughs += "\(c): &\(c) [" + Array(repeating: "*\(p)", count: 9).joined(separator: ",") + "]\n" }
t("laughs", laughs)
t("deep-flow", String(repeating: "[", count: 10000) + String(repeating: "]", count: 10000))
var block = ""; for i in 0..<10000 { block += String(repeating: " ", count: i) + "a:\n" }
t("deep-block", block)
t("dupkey", "a: 1\nb: 2\na: 3\n")
t("binary", String(decoding: [0xff, 0xfe, 0x00, 0x41, 0x80], as: UTF8.self))
t("tab", "a:\n\tb: 1\n")
t("keyalias", "a: &a {x: 1}\n*a : 2\n")
