import Foundation
import RunnelCore
import Testing
@testable import RunnelEngine

/// Masking a secret in each form it takes on its way out: raw, JSON-escaped, URL-encoded, base64.
@Suite struct SecretMaskerTests {
    static let secret = #"pa"ss\wo/rd é+ &x"#

    @Test func aSecretIsMaskedInEveryFormAScriptPrintsItIn() async throws {
        let secrets = DictionarySecrets(values: ["TOKEN": Self.secret])
        let harness = try RealRunnerHarness([try workflow("""
            name: Leaky
            steps:
              - id: leak
                type: script
                config:
                  shell: python3
                  env: {T: "${{ secrets.TOKEN }}"}
                  run: |
                    import base64, json, os, urllib.parse
                    t = os.environ["T"]
                    print("json: " + json.dumps({"token": t}))
                    print("json-utf8: " + json.dumps({"token": t}, ensure_ascii=False))
                    print("url: https://x.test/?q=" + urllib.parse.quote(t, safe=""))
                    print("form: " + urllib.parse.urlencode({"q": t}))
                    for prefix in ["", "a", "ab", "abc", "abcd"]:
                        data = (prefix + t + "!tail").encode()
                        print("b64: " + base64.b64encode(data).decode())
                        print("b64url: " + base64.urlsafe_b64encode(data).decode())
                    print("raw: " + t)
                    open(os.environ["RUNNEL_OUTPUT"], "a").write("echo=" + json.dumps(t) + "\\n")
            """, id: "w")], secrets: secrets)
        defer { harness.folder.remove() }
        let record = try await harness.run("w")
        #expect(record.status == .completed)
        let stdout = try #require(record.output("leak")["stdout"]?.stringValue)
        let lines = stdout.split(separator: "\n")
        #expect(lines.count == 15)
        for line in lines { #expect(line.contains("***"), "not masked: \(line)") }
        #expect(try record.output("leak")["echo"] == "\"***\"")
        // No form of the value is left anywhere a user can read it.
        let events = try await harness.store.events(of: record.id, after: 0).map { $0.jsonText() }.joined(separator: "\n")
        let logs = try await harness.store.log(of: record.id, step: nil, tail: nil).map(\.text)
        #expect(logs.count == 15 && logs.allSatisfy { $0.contains("***") })
        for text in [record.jsonText(), record.jsonText(pretty: false), events, logs.joined(separator: "\n")] {
            for form in [Self.secret, #"pa\"ss\\wo"#, "pa%22ss%5Cwo", String(Data(Self.secret.utf8).base64EncodedString().prefix(12))] {
                #expect(!text.contains(form), "\(form) is readable")
            }
        }
    }

    @Test func base64FragmentsMatchAtEveryAlignment() throws {
        let masker = SecretMasker(values: [Self.secret, "short-ish"])
        for value in [Self.secret, "short-ish"] {
            for before in ["", "a", "ab", "abc", "abcd", "abcde"] {
                for after in ["", "z", "zz", "zzz"] {
                    let encoded = Data((before + value + after).utf8).base64EncodedString()
                    #expect(masker.mask(encoded).contains("***"), "\(before)|\(value)|\(after): \(encoded)")
                    let url = encoded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                    #expect(masker.mask(url).contains("***"))
                }
            }
        }
        // The plain text around a masked value is left alone.
        #expect(masker.mask("say short-ish twice: short-ish") == "say *** twice: ***")
    }

    @Test func eachLineOfAMultiLineSecretIsMasked() {
        let masker = SecretMasker(values: ["-----BEGIN KEY-----\nAbCdEfGh12345\n-----END KEY-----"])
        #expect(masker.mask("line: AbCdEfGh12345") == "line: ***")
        #expect(masker.mask(#"{"key":"-----BEGIN KEY-----\nAbCdEfGh12345\n-----END KEY-----"}"#) == #"{"key":"***"}"#)
    }
}
