import Foundation

/// How a block's output is exempted from comparison (`ignore=` option).
public enum IgnoreRule: Equatable, Sendable {
    /// `@benchmark` output: numbers, units and histogram bars are masked, the layout is compared.
    case timing
    /// Run the block but never compare.
    case all
    /// Matches of this regular expression are removed from both sides before comparing.
    case pattern(String)
}

/// The options written after `mixedmodel` in a block's info string (notebook-format.md §1).
public struct BlockOptions: Equatable, Sendable {
    public var eval = true
    public var echo = true
    public var output = true
    /// `output=hash`: the block's documented output is a hash of its figures' SVG bytes.
    public var hashesFigures = false
    public var error = false
    public var session = "main"
    /// Per-block tolerances; nil means the comparison defaults.
    public var rtol: Double?
    public var atol: Double?
    public var ignore: IgnoreRule?
    /// Seconds before evaluation is stopped.
    public var timeout: Double = 600
    /// The longest `timeout` a block may ask for (one day); larger values would overflow the clocks' nanoseconds.
    public static let maximumTimeout: Double = 86_400

    public init() {}

    /// The option names a notebook may use.
    public static let names = ["eval", "echo", "output", "error", "session", "rtol", "atol", "ignore", "timeout"]

    /// Parses the words after `mixedmodel`: `key=value` pairs (values may be double-quoted) and bare boolean flags.
    /// - Throws: a message naming the offending option.
    public static func parse(_ words: String, defaults: BlockOptions = BlockOptions()) throws -> BlockOptions {
        var options = defaults
        for (key, value) in try splitPairs(words) {
            try options.apply(key: key, value: value)
        }
        return options
    }

    mutating func apply(key: String, value: String?) throws {
        switch key {
        case "eval": eval = try Self.boolean(key, value)
        case "echo": echo = try Self.boolean(key, value)
        case "output" where value == "hash":
            output = true
            hashesFigures = true
        case "output": output = try Self.boolean(key, value)
        case "error": error = try Self.boolean(key, value)
        case "session":
            guard let value, !value.isEmpty else { throw OptionError("option `session` needs a name, e.g. session=other") }
            session = value
        case "rtol": rtol = try Self.tolerance(key, value)
        case "atol": atol = try Self.tolerance(key, value)
        case "timeout":
            guard let value, let seconds = Double(value), seconds > 0, seconds <= Self.maximumTimeout else {
                throw OptionError("option `timeout` needs a positive number of seconds up to "
                                  + "\(Int(Self.maximumTimeout)) (one day), e.g. timeout=30")
            }
            timeout = seconds
        case "ignore":
            guard let value, !value.isEmpty else {
                throw OptionError("option `ignore` needs a value: timing, all or a regular expression")
            }
            switch value {
            case "timing": ignore = .timing
            case "all": ignore = .all
            default:
                do {
                    _ = try NSRegularExpression(pattern: value)
                } catch {
                    throw OptionError("option `ignore`: `\(value)` is not a valid regular expression")
                }
                ignore = .pattern(value)
            }
        default:
            throw OptionError("unknown option `\(key)`; known options: \(Self.names.joined(separator: ", "))")
        }
    }

    private static func boolean(_ key: String, _ value: String?) throws -> Bool {
        switch value {
        case nil, "true": return true
        case "false": return false
        default: throw OptionError("option `\(key)` must be true or false, not `\(value ?? "")`")
        }
    }

    private static func tolerance(_ key: String, _ value: String?) throws -> Double {
        guard let value, let number = Double(value), number >= 0, number.isFinite else {
            throw OptionError("option `\(key)` needs a non-negative number, e.g. \(key)=1e-6")
        }
        return number
    }

    /// Splits `a=1 b="x y" c` into pairs; a value may be double-quoted with `\"` and `\\` escapes.
    private static func splitPairs(_ words: String) throws -> [(String, String?)] {
        var pairs: [(String, String?)] = []
        var characters = Array(words)[...]
        while true {
            while let first = characters.first, first.isWhitespace { characters.removeFirst() }
            guard !characters.isEmpty else { return pairs }
            var key = ""
            while let first = characters.first, !first.isWhitespace, first != "=" {
                key.append(first)
                characters.removeFirst()
            }
            guard characters.first == "=" else {
                pairs.append((key, nil))
                continue
            }
            characters.removeFirst()
            if key.isEmpty { throw OptionError("option value without a name") }
            pairs.append((key, try readValue(&characters)))
        }
    }

    private static func readValue(_ characters: inout ArraySlice<Character>) throws -> String {
        var value = ""
        guard characters.first == "\"" else {
            while let first = characters.first, !first.isWhitespace {
                value.append(first)
                characters.removeFirst()
            }
            return value
        }
        characters.removeFirst()
        while let next = characters.popFirst() {
            if next == "\"" { return value }
            if next == "\\", let escaped = characters.popFirst() {
                value.append(escaped == "\"" || escaped == "\\" ? escaped : "\\")
                if escaped != "\"" && escaped != "\\" { value.append(escaped) }
            } else {
                value.append(next)
            }
        }
        throw OptionError("unterminated quoted option value")
    }
}

/// A problem with a block's options; the reader adds the file and line.
struct OptionError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
