import Hummingbird

/// A request that no route matches (an unknown path, or a method its path doesn't take)
/// gets the JSON error every other refusal gets (code `no_route`), not an empty 404.
struct NotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            throw APIError(status: .notFound, code: "no_route", message: "no route for \(request.method.rawValue) \(request.uri.path)")
        }
    }
}
