import HTTPTypes
import Hummingbird

/// The first middleware: a request that no route takes gets the JSON error every other refusal
/// gets before any key or scope is checked: 404 (code `no_route`) for an unknown path, 405
/// (code `method_not_allowed`, with `Allow`) for a method its path doesn't take (`TRACE` too).
struct NotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch routes.match(request.method, request.uri.path) {
        case .route:
            break
        case .noPath:
            throw APIError(status: .notFound, code: "no_route", message: "no route for \(request.method.rawValue) \(request.uri.path)")
        case .method(let allowed):
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            var response = try APIError(status: .methodNotAllowed, code: "method_not_allowed",
                                        message: "\(request.uri.path) takes \(list), not \(request.method.rawValue)")
                .response(from: request, context: context)
            response.headers[.allow] = list
            return response
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            throw APIError(status: .notFound, code: "no_route", message: "no route for \(request.method.rawValue) \(request.uri.path)")
        }
    }
}
