/// A workflow's entry in the community gallery (`publish:`): what anonymous visitors of
/// `GET /api/workflows/explore`, `/community` and `/public/{id}` see about it, besides its
/// name, description, inputs, trigger kinds and step graph.
public struct PublishBlock: Sendable, Hashable {
    /// The gallery title (default: the workflow's name).
    public var title: String?
    /// A longer description for the gallery.
    public var description: String?
    /// Categories it is listed under (`featured` puts it first in `explore`).
    public var categories: [String]
    /// An icon: a name or an emoji.
    public var icon: String?

    /// Creates a block.
    public init(title: String? = nil, description: String? = nil, categories: [String] = [], icon: String? = nil) {
        self.title = title
        self.description = description
        self.categories = categories
        self.icon = icon
    }

    /// The block as written to a file (absent keys left out).
    public var source: SourceValue {
        var members: [SourceValue.Member] = []
        func add(_ key: String, _ value: SourceValue.Kind) {
            members.append(SourceValue.Member(key: Located(key, at: .start), value: SourceValue(value, at: .start)))
        }
        if let title { add("title", .string(title)) }
        if let description { add("description", .string(description)) }
        if !categories.isEmpty { add("categories", .array(categories.map { SourceValue(.string($0), at: .start) })) }
        if let icon { add("icon", .string(icon)) }
        return SourceValue(.object(members), at: .start)
    }

    /// The block as JSON.
    public var json: JSONValue {
        ["title": title.map(JSONValue.string) ?? .null, "description": description.map(JSONValue.string) ?? .null,
         "categories": .array(categories.map(JSONValue.string)), "icon": icon.map(JSONValue.string) ?? .null]
    }
}
