import Foundation
import HTTPTypes
import Hummingbird
import MCP
import NIOCore
import RunnelCore
import RunnelMCP

extension APIRoutes {
    /// `POST /mcp`: Runnel's MCP server over Streamable HTTP, stateless (each request is answered
    /// on its own, as JSON; no notifications). The tools call the other routes in process with
    /// the caller's key, so each call needs the scope its route needs (docs/mcp.md). Add it last:
    /// its responder holds the routes added before it.
    func addMCPRoute(to router: Router<BasicRequestContext>) {
        let responder = router.buildResponder()
        // With keys, a caller must hold one, so a page in a browser (DNS rebinding) can't act for it;
        // without keys (`--no-auth`, local use) only local hosts and origins are taken.
        // The answer is always JSON, so a client's Accept header is not held against it.
        var validators: [any HTTPRequestValidator] = [ContentTypeValidator(), ProtocolVersionValidator()]
        if keys == nil { validators.insert(OriginValidator.localhost(), at: 0) }
        let pipeline = StandardValidationPipeline(validators: validators)
        router.post("/mcp") { request, context in
            let bytes = try await RequestBody.bytes(request)
            if let problem = Self.jsonRPCProblem(bytes) {
                let error: JSONValue = ["jsonrpc": "2.0", "id": .null, "error": ["code": -32600, "message": .string(problem)]]
                return JSONResponse.make(error, status: .badRequest)
            }
            var credentials = HTTPFields()
            for field in request.headers where field.name == .authorization || field.name.canonicalName == "x-api-key" {
                credentials.append(field)
            }
            let operations = APIOperations(transport: RouterTransport(responder: responder, context: context, credentials: credentials))
            let server = await RunnelMCPServer(operations: operations, version: RunnelVersion.number).makeServer(listChanged: false)
            let transport = StatelessHTTPServerTransport(validationPipeline: pipeline)
            try await server.start(transport: transport)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.rawName] = field.value }
            let answer = await transport.handleRequest(MCP.HTTPRequest(method: "POST", headers: headers, body: Data(bytes), path: "/mcp"))
            await server.stop()
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let name = HTTPField.Name(name) { fields[name] = value }
            }
            let body = answer.bodyData.map { ByteBuffer(bytes: $0) } ?? ByteBuffer()
            return Response(status: .init(code: answer.statusCode), headers: fields, body: .init(byteBuffer: body))
        }
    }

    /// Why `bytes` is not one JSON-RPC 2.0 request or notification as MCP sends them (an object
    /// with `jsonrpc: "2.0"`, a `method`, an optional integer or string `id` and object `params`), or nil.
    static func jsonRPCProblem(_ bytes: [UInt8]) -> String? {
        guard let value = try? JSONParser.parse(String(decoding: bytes, as: UTF8.self)) else { return "the body is not JSON" }
        guard case .object(let message) = value else { return "a JSON-RPC message is an object, not \(value.typeName)" }
        guard message["jsonrpc"] == "2.0" else { return "'jsonrpc' must be \"2.0\"" }
        guard message["method"]?.stringValue != nil else { return "'method' must be a string (this endpoint takes requests and notifications)" }
        switch message["id"] {
        case nil, .string?: break
        case .number(let n)? where n.rounded() == n && abs(n) < 9e15: break
        default: return "'id' must be an integer or a string"
        }
        if let params = message["params"], params.objectValue == nil { return "'params' must be an object" }
        return nil
    }
}
