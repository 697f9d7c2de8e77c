import Testing
@testable import RunnelCore

@Suite struct JSONTests {
    @Test func roundTrip() throws {
        let text = #"{"a":[1,2.5,true,null,"x\n\u00e9\ud83d\ude00"],"b":{}}"#
        let value = try JSONParser.parse(text)
        #expect(value["a"]?.arrayValue?.count == 5)
        #expect(try JSONParser.parse(value.serialized()) == value)
        #expect(JSONValue.number(10).serialized() == "10")
    }

    @Test(arguments: ["", "{", "[1,]", "01x", "\"\\q\"", "tru", "{\"a\" 1}", "[1] 2"])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(text) }
    }

    @Test func deepNestingIsRefused() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(text) }
    }
}
