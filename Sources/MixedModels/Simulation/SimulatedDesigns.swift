import Foundation

/// Seeded, generated model frames for stress tests and scaling benchmarks (the data sets of issue 12): large,
/// reproducible and free of files.
public enum SimulatedDesigns {
    /// Crossed random intercepts with Zipf-skewed levels, as ratings of items by users:
    /// `y ~ 1 + x + (1|user) + (1|item)` with about n/100 users and n/500 items (each at least 2), the level of
    /// each observation drawn with probability ∝ 1/rank, x ~ N(0, 1) and
    /// y = 1 + 0.5x + b_user + b_item + ε with σ_user = 1, σ_item = `itemSD`, σ = 1.
    /// With `bernoulli` the response is 1 when that linear predictor (without ε) plus a logistic draw is positive.
    /// `users` and `items` override the numbers of levels.
    public static func crossed(n: Int, seed: UInt64, itemSD: Double = 0.5, bernoulli: Bool = false,
                               users: Int? = nil, items: Int? = nil) -> ModelFrame {
        var random = SplitMix64(seed: seed)
        let users = max(2, users ?? n / 100)
        let items = max(2, items ?? n / 500)
        let userEffects = (0..<users).map { _ in random.normal() }
        let itemEffects = (0..<items).map { _ in itemSD * random.normal() }
        let userDraw = ZipfTable(levels: users)
        let itemDraw = ZipfTable(levels: items)
        var user = [Int](repeating: 0, count: n)
        var item = [Int](repeating: 0, count: n)
        var x = [Double](repeating: 0, count: n)
        var y = [Double](repeating: 0, count: n)
        for o in 0..<n {
            user[o] = userDraw.draw(&random)
            item[o] = itemDraw.draw(&random)
            x[o] = random.normal()
            let eta = 1 + 0.5 * x[o] + userEffects[user[o]] + itemEffects[item[o]]
            if bernoulli {
                let u = random.uniform()
                y[o] = eta + log(u / (1 - u)) > 0 ? 1 : 0
            } else {
                y[o] = eta + random.normal()
            }
        }
        let userTerm = interceptTerm("user", user)
        let itemTerm = interceptTerm("item", item)
        let terms = [userTerm, itemTerm].sorted { $0.randomEffectCount > $1.randomEffectCount }
        return ModelFrame(y: y, x: [Double](repeating: 1, count: n) + x, coefficientNames: ["(Intercept)", "x"],
                          randomEffectsTerms: terms, rank: 2, pivot: [0, 1], rowsUsed: Array(0..<n), rowsDropped: 0)
    }

    /// A sleepstudy-like longitudinal design: `y ~ 1 + t + (1 + t|subj)` with 10 observations (t = 0…9) per
    /// subject, n/10 subjects, intercept SD 25, slope SD 6, correlation 0.1, σ = 25 (sleepstudy's scale).
    public static func longitudinal(n: Int, seed: UInt64) -> ModelFrame {
        var random = SplitMix64(seed: seed)
        let subjects = max(2, n / 10)
        let count = subjects * 10
        var subject = [Int](repeating: 0, count: count)
        var t = [Double](repeating: 0, count: count)
        var y = [Double](repeating: 0, count: count)
        var z = [Double](repeating: 0, count: 2 * count)
        for s in 0..<subjects {
            let a = random.normal()
            let intercept = 25 * a
            let slope = 6 * (0.1 * a + (1 - 0.01).squareRoot() * random.normal())
            for day in 0..<10 {
                let o = s * 10 + day
                subject[o] = s
                t[o] = Double(day)
                y[o] = 250 + 10 * t[o] + intercept + slope * t[o] + 25 * random.normal()
                z[2 * o] = 1
                z[2 * o + 1] = t[o]
            }
        }
        var term = interceptTerm("subj", subject)
        term.columnNames = ["(Intercept)", "t"]
        term.z = z
        term.lambdaIndices = [0, 1, 3]
        return ModelFrame(y: y, x: [Double](repeating: 1, count: count) + t, coefficientNames: ["(Intercept)", "t"],
                          randomEffectsTerms: [term], rank: 2, pivot: [0, 1], rowsUsed: Array(0..<count),
                          rowsDropped: 0)
    }

    /// A scalar random-intercept term for 0-based level codes; unused levels are dropped and the names sorted
    /// as their zero-padded numbers.
    private static func interceptTerm(_ name: String, _ codes: [Int]) -> RandomEffectsTerm {
        let used = Array(Set(codes)).sorted()
        var index = [Int32](repeating: -1, count: (used.last ?? 0) + 1)
        for (k, code) in used.enumerated() { index[code] = Int32(k) }
        let width = String(used.last ?? 0).count
        let levels = used.map { code -> String in
            let digits = String(code + 1)
            return name.prefix(1) + String(repeating: "0", count: max(0, width + 1 - digits.count)) + digits
        }
        return RandomEffectsTerm(groupingName: name, levels: levels, refs: codes.map { index[$0] },
                                 columnNames: ["(Intercept)"], z: [Double](repeating: 1, count: codes.count),
                                 lambdaIndices: [0])
    }
}

/// Cumulative probabilities ∝ 1/k for k = 1…levels, drawn from by bisection.
struct ZipfTable {
    private var cumulative: [Double]

    init(levels: Int) {
        cumulative = []
        cumulative.reserveCapacity(levels)
        var total = 0.0
        for k in 1...levels {
            total += 1 / Double(k)
            cumulative.append(total)
        }
        cumulative = cumulative.map { $0 / total }
    }

    func draw(_ random: inout SplitMix64) -> Int {
        let u = random.uniform()
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < u { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// Steele, Lea and Flood's SplitMix64: a small, fast, seedable generator (the simulations need reproducibility,
/// not Julia's streams).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    /// Standard normal (Box–Muller, one value per call).
    mutating func normal() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
}
