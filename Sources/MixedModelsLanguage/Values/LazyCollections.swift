import Foundation

/// Julia's `StepRangeLen` of Float64 (`0:0.1:1`, `range(0, 1; length = 11)`): element `i` is the rational
/// `(start + i·step) / denominator`, correctly rounded, as Julia's twice-precision ranges give.
final class FloatRange: IterableObject {
    private let startNumerator: Double
    private let stepNumerator: Double
    private let denominator: Double
    let length: Int

    init(startNumerator: Double, stepNumerator: Double, denominator: Double, length: Int) {
        self.startNumerator = startNumerator
        self.stepNumerator = stepNumerator
        self.denominator = denominator
        self.length = max(0, length)
    }

    var typeName: String {
        "StepRangeLen{Float64, Base.TwicePrecision{Float64}, Base.TwicePrecision{Float64}, Int64}"
    }

    func element(at index: Int) throws -> Value { .float(value(index)) }

    /// One rounding for the fallback (`denominator == 1`); exact integers otherwise.
    func value(_ i: Int) -> Double { startNumerator.addingProduct(Double(i), stepNumerator) / denominator }

    var step: Double { stepNumerator / denominator }

    func display() -> String {
        "\(Display.repr(.float(value(0)))):\(Display.repr(.float(step))):\(Display.repr(.float(value(length - 1))))"
    }

    /// Julia's `rat`: a continued-fraction approximation `n/d` of `x`, exact when `x` is a short decimal.
    static func rationalApproximation(_ x: Double) -> (Int, Int) {
        var y = x
        var a = 1, b = 0, c = 0, d = 1
        let m = 16_777_216.0
        while Swift.abs(y) <= m {
            let f = Int(y.rounded(.towardZero))
            y -= Double(f)
            (a, c) = (f &* a &+ c, a)
            (b, d) = (f &* b &+ d, b)
            if max(Swift.abs(a), Swift.abs(b)) > Int(m) { return (c, d) }
            if Double(a) / Double(b) == x { break }
            y = 1 / y
        }
        return (a, b)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? Swift.abs(a) : gcd(b, a % b) }

    /// `start:step:stop` with Float64 ends, as Julia's `(:)(::Float64, ::Float64, ::Float64)` builds it.
    static func colon(_ start: Double, _ step: Double, _ stop: Double) throws -> FloatRange {
        guard step != 0 else { throw JuliaException.argumentError("range step cannot be zero") }
        guard start.isFinite && step.isFinite && stop.isFinite else {
            throw JuliaException.argumentError("range ends and step must be finite")
        }
        let (stepN, stepD) = rationalApproximation(step)
        let (startN, startD) = rationalApproximation(start)
        let (stopN, stopD) = rationalApproximation(stop)
        if stepD != 0, Double(stepN) / Double(stepD) == step, startD != 0, stopD != 0,
           Double(startN) / Double(startD) == start, Double(stopN) / Double(stopD) == stop {
            let den = startD / gcd(startD, stepD) * stepD
            let m = 9_007_199_254_740_992.0
            if den != 0, Swift.abs(start * Double(den)) <= m, Swift.abs(step * Double(den)) <= m,
               den % startD == 0, den % stepD == 0 {
                let sN = Int((start * Double(den)).rounded()), stN = Int((step * Double(den)).rounded())
                let t1 = den.multipliedReportingOverflow(by: stopN)
                let t2 = stopD.multipliedReportingOverflow(by: sN)
                let t3 = stN.multipliedReportingOverflow(by: stopD)
                if !t1.overflow && !t2.overflow && !t3.overflow && t3.partialValue != 0 {
                    let len = max(0, (t1.partialValue - t2.partialValue + t3.partialValue) / t3.partialValue)
                    let last = start + Double(len - 1) * step
                    if isBetween(start, last, stop + step / 2) && !isBetween(start, start + Double(len) * step, stop) {
                        return FloatRange(startNumerator: Double(sN), stepNumerator: Double(stN),
                                          denominator: Double(den), length: len)
                    }
                }
            }
        }
        let lf = (stop - start) / step
        guard lf < 9e18 else { throw JuliaException.argumentError("range length overflows Int64") }
        let len = lf < 0 ? 0 : Int(lf.rounded(.down)) + 1
        return FloatRange(startNumerator: start, stepNumerator: step, denominator: 1, length: len)
    }

    private static func isBetween(_ a: Double, _ x: Double, _ b: Double) -> Bool {
        a <= b ? (a <= x && x <= b) : (b <= x && x <= a)
    }

    /// `range(start, stop; length = n)`: `n` points from `start` to `stop`, exactly spaced.
    static func linear(_ start: Double, _ stop: Double, length: Int) throws -> FloatRange {
        guard length >= 0 else { throw JuliaException.argumentError("range(start, stop, length): length must be non-negative") }
        if length == 1 { return FloatRange(startNumerator: start, stepNumerator: 0, denominator: 1, length: 1) }
        let (sN, sD) = rationalApproximation(start), (eN, eD) = rationalApproximation(stop)
        let intervals = max(1, length - 1)
        if sD != 0, eD != 0, Double(sN) / Double(sD) == start, Double(eN) / Double(eD) == stop {
            let den = sD / gcd(sD, eD) * eD
            let a = sN * (den / sD), b = eN * (den / eD)
            let stepNumerator = Double(b - a)
            return FloatRange(startNumerator: Double(a) * Double(intervals), stepNumerator: stepNumerator,
                              denominator: Double(den) * Double(intervals), length: length)
        }
        return FloatRange(startNumerator: start * Double(intervals), stepNumerator: stop - start,
                          denominator: Double(intervals), length: length)
    }
}

/// `zip(a, b, …)`: tuples of corresponding elements, as long as the shortest collection.
final class ZipIterator: IterableObject {
    let collections: [Value]
    private let materialised: [[Value]]
    let length: Int

    init(_ collections: [Value]) throws {
        self.collections = collections
        materialised = try collections.map { try Iteration.elements(of: $0) }
        length = materialised.map(\.count).min() ?? 0
    }

    var typeName: String { "Base.Iterators.Zip{Tuple{\(collections.map(\.typeName).joined(separator: ", "))}}" }
    func element(at index: Int) throws -> Value { .tuple(materialised.map { $0[index] }) }
    func display() -> String { "zip(\(collections.map { Display.repr($0) }.joined(separator: ", ")))" }
}

/// `enumerate(x)`: `(i, x[i])` tuples.
final class EnumerateIterator: IterableObject {
    let collection: Value
    private let items: [Value]

    init(_ collection: Value) throws {
        self.collection = collection
        items = try Iteration.elements(of: collection)
    }

    var length: Int { items.count }
    var typeName: String { "Base.Iterators.Enumerate{\(collection.typeName)}" }
    func element(at index: Int) throws -> Value { .tuple([.int(index + 1), items[index]]) }
    func display() -> String { "enumerate(\(Display.repr(collection)))" }
}
