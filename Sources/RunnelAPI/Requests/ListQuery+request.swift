import Hummingbird

extension ListQuery {
    /// The page a request's query string asks for (`limit`, `offset`; `defaultLimit` without one).
    /// - Throws: a 400 naming the parameter that can't be read.
    init(_ request: Request, defaultLimit: Int = ListQuery.defaultLimit) throws {
        let query = request.uri.queryParameters
        do {
            try self.init(limit: query.get("limit"), offset: query.get("offset"), defaultLimit: defaultLimit)
        } catch {
            throw APIError.badRequest(error.description)
        }
    }

    /// The `status` filter of a request, one of `allowed`.
    /// - Throws: a 400 listing the allowed values.
    static func status(_ request: Request, allowed: [String]) throws -> String? {
        do {
            return try status(request.uri.queryParameters.get("status"), allowed: allowed)
        } catch {
            throw APIError.badRequest(error.description)
        }
    }
}
