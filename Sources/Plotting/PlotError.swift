/// A user-caused plotting error: bad data, a bad keyword value, an impossible scale.
public struct PlotError: Error, CustomStringConvertible, Equatable, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Checks shared by every plot type.
enum DataCheck {
    /// Throws unless `values` holds at least one finite number.
    static func finite(_ values: [Double], _ what: String, in plot: String) throws {
        if values.isEmpty { throw PlotError("\(plot): \(what) is empty; there is nothing to draw") }
        if !values.contains(where: \.isFinite) {
            throw PlotError("\(plot): \(what) has no finite values (all \(values.count) are NaN or infinite)")
        }
    }

    /// Throws unless the vectors have one length.
    static func sameLength(_ vectors: [(String, [Double])], in plot: String) throws {
        guard let first = vectors.first else { return }
        for (name, v) in vectors.dropFirst() where v.count != first.1.count {
            throw PlotError("\(plot): \(first.0) has \(first.1.count) values but \(name) has \(v.count); "
                            + "they must have the same length")
        }
    }
}
