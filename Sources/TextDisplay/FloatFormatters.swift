/// Shortest round-trip rendering in Julia's notation.
enum ShortestFormatter {
    static func format(_ x: Double) -> String { x.description }
    static func format(_ x: Float) -> String { x.description + "f0" }
}

/// Julia's compact (6 significant digits) rendering.
enum CompactFormatter {
    static func format(_ x: Double) -> String { x.description }
}
