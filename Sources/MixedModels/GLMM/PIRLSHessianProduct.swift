import Foundation

/// Products with H = [ΛᵀZᵀWZΛ + I, ΛᵀZᵀWX; XᵀWZΛ, XᵀWX] (the X rows when β varies) for PIRLS's Krylov steps,
/// at the current weights and θ, without forming H.
extension GeneralizedLinearMixedModel {
    /// Readies the products for one Newton step (the weights are fixed during it): for two crossed intercepts with
    /// β fixed, the weights in the level order.
    func prepareHessianProducts(_ workspace: inout KrylovWorkspace, jointly: Bool) {
        let raw = system.rawTerms
        workspace.usesOrdering = !jointly && raw.count == 2 && raw.allSatisfy(\.isIntercept)
            && response.count >= LevelOrdering.minimumCount
        guard workspace.usesOrdering else { return }
        if workspace.ordering == nil {
            workspace.ordering = LevelOrdering(first: raw[0], levels: raw[1].offset - raw[0].offset,
                                               second: raw[1], count: response.count, q: system.q)
        }
        workspace.ordering?.order(weights: response.workingWeight)
    }

    /// H v at the current weights and θ, in one pass over the observations (halves on two cores on large data,
    /// each into its own accumulator).
    func applyHessian(_ workspace: inout KrylovWorkspace, jointly: Bool) {
        // `product` ← H `direction`; the two outputs are taken out of the workspace meanwhile (no copies).
        let v = workspace.direction
        var y = workspace.product, partial = workspace.partial
        workspace.product = []
        workspace.partial = []
        defer {
            workspace.product = y
            workspace.partial = partial
        }
        if workspace.usesOrdering, let ordering = workspace.ordering {
            ordering.applyHessian(v, into: &y, partial: &partial)
            return
        }
        let n = response.count, p = jointly ? rank : 0, q = sphericalEffects.count, m = q + p
        v.withUnsafeBufferPointer { v in
        y.withUnsafeMutableBufferPointer { y in
        partial.withUnsafeMutableBufferPointer { partial in
        response.workingWeight.withUnsafeBufferPointer { w in
        system.xRows.withUnsafeBufferPointer { x in
        system.rawTerms.withUnsafeBufferPointer { terms in
            let v = v.baseAddress!, w = w.baseAddress!
            let interceptPair = terms.count == 2 && terms.allSatisfy(\.isIntercept)
            func accumulate(_ range: Range<Int>, into target: UnsafeMutablePointer<Double>) {
                target.update(repeating: 0, count: m)
                if interceptPair {
                    accumulateInterceptPair(range, into: target)
                    return
                }
                for i in range {
                    var t = 0.0
                    for j in 0..<p { t += x[i * p + j] * v[q + j] }
                    for term in terms {
                        let s = term.vsize, level = term.offset + Int(term.refs[i]) * s
                        for a in 0..<s { t += term.scaledZ[i * s + a] * v[level + a] }
                    }
                    t *= w[i]
                    for term in terms {
                        let s = term.vsize, level = term.offset + Int(term.refs[i]) * s
                        for a in 0..<s { target[level + a] += term.scaledZ[i * s + a] * t }
                    }
                    for j in 0..<p { target[q + j] += x[i * p + j] * t }
                }
            }
            // Two crossed intercept terms (the large crossed designs), where ZΛ's entries are the two λs: the
            // pass reads only the levels, the weights and X.
            func accumulateInterceptPair(_ range: Range<Int>, into target: UnsafeMutablePointer<Double>) {
                let r1 = terms[0].refs, a1 = terms[0].scaledZ[0], v1 = v + terms[0].offset
                let r2 = terms[1].refs, a2 = terms[1].scaledZ[0], v2 = v + terms[1].offset
                let t1 = target + terms[0].offset, t2 = target + terms[1].offset
                if p == 0 {
                    for i in range {
                        let k1 = Int(r1[i]), k2 = Int(r2[i])
                        let t = (a1 * v1[k1] + a2 * v2[k2]) * w[i]
                        t1[k1] += t
                        t2[k2] += t
                    }
                } else {
                    for i in range {
                        let k1 = Int(r1[i]), k2 = Int(r2[i])
                        var t = a1 * v1[k1] + a2 * v2[k2]
                        for j in 0..<p { t += x[i * p + j] * v[q + j] }
                        t *= w[i]
                        t1[k1] += t
                        t2[k2] += t
                        for j in 0..<p { target[q + j] += x[i * p + j] * t }
                    }
                }
                for k in 0..<(terms[1].offset - terms[0].offset) { t1[k] *= a1 }
                for k in 0..<(q - terms[1].offset) { t2[k] *= a2 }
            }
            if n < PIRLSSystem.parallelAccumulationWork {
                accumulate(0..<n, into: y.baseAddress!)
            } else {
                SpareCores.split { part in
                    part == 0 ? accumulate(0..<n / 2, into: y.baseAddress!)
                        : accumulate(n / 2..<n, into: partial.baseAddress!)
                }
                for k in 0..<m { y[k] += partial[k] }
            }
            for k in 0..<q { y[k] += v[k] }
        }}}}}}
    }

}

/// The observations of two crossed intercept terms in the order of the first term's levels, with the second term's
/// levels and the weights in that order: the product with H then runs level by level of the first term, summing
/// each level's products in registers, and only the second term's (smaller) vector is accessed at random — in the
/// observation order both vectors are, a cache miss per observation once the first outgrows the first-level cache
/// (10⁴ users: 2–3× slower).
struct LevelOrdering {
    /// Below this many observations the observation-order product is as fast.
    static let minimumCount = 1 << 17
    let order: [Int32]
    let secondLevels: [Int32]
    /// Level j of the first term's observations, in the order: `start[j]..<start[j + 1]`.
    let start: [Int]
    /// The first level of the second core's part, balanced by observations.
    let split: Int
    let firstOffset: Int
    let secondOffset: Int
    let firstScale: UnsafeMutablePointer<Double>
    let secondScale: UnsafeMutablePointer<Double>
    let q: Int
    /// The weights in the order (refreshed at each Newton step).
    private(set) var weights: [Double]

    init(first: PIRLSSystem.RawTerm, levels: Int, second: PIRLSSystem.RawTerm, count n: Int, q: Int) {
        var start = [Int](repeating: 0, count: levels + 1)
        for i in 0..<n { start[Int(first.refs[i]) + 1] += 1 }
        for j in 0..<levels { start[j + 1] += start[j] }
        var next = start
        var order = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let j = Int(first.refs[i])
            order[next[j]] = Int32(i)
            next[j] += 1
        }
        self.order = order
        secondLevels = order.map { second.refs[Int($0)] }
        self.start = start
        split = start.firstIndex { $0 >= n / 2 } ?? levels
        firstOffset = first.offset
        secondOffset = second.offset
        firstScale = first.scaledZ
        secondScale = second.scaledZ
        self.q = q
        weights = [Double](repeating: 0, count: n)
    }

    mutating func order(weights w: [Double]) {
        for (k, i) in order.enumerated() { weights[k] = w[Int(i)] }
    }

    /// y ← H v (β fixed): v + ΛᵀZᵀWZΛ v, the first term's levels in two halves on two cores on large data, each
    /// with its own accumulator of the second term's part.
    func applyHessian(_ v: [Double], into y: inout [Double], partial: inout [Double]) {
        let a1 = firstScale[0], a2 = secondScale[0], q = self.q
        v.withUnsafeBufferPointer { v in
        y.withUnsafeMutableBufferPointer { y in
        partial.withUnsafeMutableBufferPointer { partial in
        weights.withUnsafeBufferPointer { w in
        secondLevels.withUnsafeBufferPointer { levels in
        start.withUnsafeBufferPointer { start in
            let v1 = v.baseAddress! + firstOffset, v2 = v.baseAddress! + secondOffset
            let secondCount = q - secondOffset
            // Levels `range` of the first term: their entries of y, and the second term's sums into `second`.
            func accumulate(_ range: Range<Int>, first: UnsafeMutablePointer<Double>,
                            second: UnsafeMutablePointer<Double>) {
                second.update(repeating: 0, count: secondCount)
                for j in range {
                    let u = a1 * v1[j]
                    var sum = 0.0
                    for k in start[j]..<start[j + 1] {
                        let level = Int(levels[k])
                        let t = (u + a2 * v2[level]) * w[k]
                        sum += t
                        second[level] += t
                    }
                    first[j] = v1[j] + a1 * sum
                }
            }
            let y1 = y.baseAddress! + firstOffset, y2 = y.baseAddress! + secondOffset
            let levelCount = start.count - 1
            SpareCores.split { part in
                part == 0 ? accumulate(0..<split, first: y1, second: y2)
                    : accumulate(split..<levelCount, first: y1, second: partial.baseAddress!)
            }
            for k in 0..<secondCount { y2[k] = v2[k] + a2 * (y2[k] + partial[k]) }
        }}}}}}
    }
}
