import Foundation

/// The numeric tolerances of the doctest comparison (notebook-format.md §3).
///
/// Defaults: `rtol = 2e-4`, `atol = 1e-10`. Estimates that agree with MixedModels.jl to five significant digits differ
/// by at most one unit in the fifth digit, a relative error of at most 1e-4; twice that absorbs the rounding of both
/// printed values. An estimate off by 0.1 % (1e-3) exceeds the tolerance five times over and fails. `atol` only
/// lets round-off noise around zero (`1.2e-15` against `-3.4e-16`) pass; it is far below any printed estimate.
///
/// Fixed-decimal columns (z statistics, p-values, correlations) are printed with two to four decimals and at most four
/// significant digits, where a difference in the ninth digit of the estimate can flip the last printed digit. So two
/// such numbers (same number of decimals, at least two, no exponent) also match when they differ by at most one unit in
/// the last place. Estimates printed with more digits are unaffected (a 0.1 % error is many units in their last place),
/// and so are shortest-form numbers such as `5.0`, which are exact.
public struct Tolerance: Equatable, Sendable {
    public var rtol: Double
    public var atol: Double

    public static let defaultRelative = 2e-4
    public static let defaultAbsolute = 1e-10

    public init(rtol: Double = Tolerance.defaultRelative, atol: Double = Tolerance.defaultAbsolute) {
        self.rtol = rtol
        self.atol = atol
    }

    /// The tolerance a block's options ask for.
    public init(options: BlockOptions) {
        self.init(rtol: options.rtol ?? Self.defaultRelative, atol: options.atol ?? Self.defaultAbsolute)
    }

    /// Whether two number tokens match.
    func matches(expected: OutputToken, actual: OutputToken) -> Bool {
        switch (expected.kind, actual.kind) {
        case (.integer, .integer):
            return expected.text == actual.text
        case let (.float(e, expectedDecimals, expectedExponent), .float(a, actualDecimals, actualExponent)):
            if e.isNaN || a.isNaN { return e.isNaN && a.isNaN }
            let difference = abs(a - e)
            if difference <= atol + rtol * abs(e) { return true }
            guard expectedDecimals == actualDecimals, expectedDecimals >= 2, !expectedExponent, !actualExponent,
                  Self.significantDigits(expected.text) <= 4 else { return false }
            let lastPlace = pow(10, -Double(expectedDecimals))
            return difference <= lastPlace * (1 + 1e-9)
        default:
            return expected.text == actual.text
        }
    }

    /// Digits from the first non-zero one on (`0.0017` has 2, `1527.5` has 5).
    static func significantDigits(_ text: String) -> Int {
        let digits = text.filter(\.isNumber).drop { $0 == "0" }
        return digits.count
    }
}
