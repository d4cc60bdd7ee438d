/// Misuse of the inference functions (simulation, bootstrap, prediction, profiles): each names its cause.
public struct InferenceError: Error, CustomStringConvertible, Equatable, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
