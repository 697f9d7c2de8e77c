import Hummingbird

/// Without API keys (`--no-auth`): drops a principal header a client may send, so that the
/// commit author of a write is always `api`.
struct AnonymousMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await next(AuthMiddleware<Context>.with(principal: nil, request), context)
    }
}
