import Testing
@testable import MixedModels

/// The construction of the penalized system: the level patterns of A and L (checked against a direct set-based
/// analysis), the fixed-effects columns taken through the pivot, and A formed with and without weights.
@Suite struct PLSConstructionTests {
    typealias Stream = SparseCholeskyTests.Stream

    /// Three terms: `nested` makes the middle one nested in the first (no fill on its diagonal, fill below it),
    /// otherwise all are crossed. `slope` gives the first term a random slope.
    static func design(nested: Bool, slope: Bool = false, seed: UInt64) -> ModelFrame {
        var random = Stream(state: seed)
        let n = 900
        var first: [Int] = [], middle: [Int] = [], last: [Int] = [], x: [Double] = [], y: [Double] = []
        for _ in 0..<n {
            let g = random.index(90)
            first.append(g)
            middle.append(nested ? g / 3 : random.index(25))
            last.append(random.index(12))
            x.append(random.uniform() - 0.5)
            y.append(random.uniform())
        }
        let terms = [SparseCholeskyTests.term("a", first, levels: 90, z: slope ? x.flatMap { [1, $0] } : nil),
                     SparseCholeskyTests.term("b", middle, levels: 30),
                     SparseCholeskyTests.term("c", last, levels: 12)]
        return LinearTestFrames.frame(y: y, xColumns: [[Double](repeating: 1, count: n), x],
                                      names: ["(Intercept)", "x"], terms: terms)
    }

    /// The patterns by sets: A's (i, j) block from the observations, L's with the fill of the blocked
    /// factorization, and which diagonal blocks of L are dense.
    static func reference(_ s: PLSSystem) -> (a: [[[[Int]]]], l: [[[[Int]]]], dense: [Bool]) {
        let k = s.terms.count
        var a: [[[[Int]]]] = []
        for i in 0..<k {
            a.append((0..<i).map { j in
                var columns = [Set<Int>](repeating: [], count: s.terms[j].levels)
                for o in 0..<s.n { columns[Int(s.terms[j].refs[o])].insert(Int(s.terms[i].refs[o])) }
                return columns.map { $0.sorted() }
            })
        }
        var l = a
        var dense = [Bool](repeating: false, count: k)
        for j in 0..<k {
            dense[j] = (0..<j).contains { jj in l[j][jj].contains { $0.count > 1 } }
            for i in (j + 1)..<max(j + 1, k) {
                if dense[j] {
                    l[i][j] = Array(repeating: Array(0..<s.terms[i].levels), count: s.terms[j].levels)
                    continue
                }
                var columns = l[i][j].map { Set($0) }
                for jj in 0..<j {
                    for (ri, rj) in zip(l[i][jj], l[j][jj]) { for c in rj { columns[c].formUnion(ri) } }
                }
                l[i][j] = columns.map { $0.sorted() }
            }
        }
        return (a, l, dense)
    }

    static func columns(_ b: BlockSparseBlock) -> [[Int]] {
        (0..<b.colLevels).map { Array(b.rowLevel[b.colStart[$0]..<b.colStart[$0 + 1]]) }
    }

    @Test(arguments: [(false, false), (true, false), (true, true)])
    func patternsMatchASetBasedAnalysis(nested: Bool, slope: Bool) {
        let s = PLSSystem(terms: Self.design(nested: nested, slope: slope, seed: 21).randomEffectsTerms,
                          x: [], p: 0, y: [Double](repeating: 0, count: 900), diagonalFactor: .dense)
        let expected = Self.reference(s)
        #expect(expected.dense == [false, !nested, true])
        for i in 0..<s.terms.count {
            for j in 0..<i {
                #expect(Self.columns(s.aOff[i][j]) == expected.a[i][j])
                #expect(Self.columns(s.lOff[i][j]) == expected.l[i][j])
                let a = s.aOff[i][j]
                for o in 0..<s.n {
                    let block = Int(s.observationBlock[i][j][o])
                    let column = Int(s.terms[j].refs[o])
                    #expect(a.colStart[column] <= block && block < a.colStart[column + 1])
                    #expect(a.rowLevel[block] == Int(s.terms[i].refs[o]))
                    let l = s.lOff[i][j]
                    #expect(l.rowLevel[s.aToL[i][j][block]] == a.rowLevel[block])
                }
            }
        }
        for (j, block) in s.lDiagonal.enumerated() {
            if case .dense = block { #expect(expected.dense[j]) } else { #expect(!expected.dense[j]) }
        }
    }

    @Test func fixedEffectsColumnsFollowThePivot() {
        let frame = Self.design(nested: false, seed: 4)
        let n = frame.observationCount
        let swapped = Array(frame.x[n...]) + Array(frame.x[..<n])
        let direct = PLSSystem(terms: frame.randomEffectsTerms, x: frame.x, p: 2, y: frame.y)
        let pivoted = PLSSystem(terms: frame.randomEffectsTerms, x: swapped, columns: [1, 0], p: 2, y: frame.y)
        let partial = PLSSystem(terms: frame.randomEffectsTerms, x: swapped, columns: [0], p: 1, y: frame.y)
        for o in 0..<n {
            for c in 0..<3 { #expect(pivoted.xyRows[c, o] == direct.xyRows[c, o]) }
            #expect(partial.xyRows[0, o] == frame.x[n + o] && partial.xyRows[1, o] == frame.y[o])
        }
    }

    /// A as one dense symmetric matrix, from the system's blocks.
    static func assembled(_ s: PLSSystem) -> [Double] {
        let order = s.q + s.p + 1
        var m = [Double](repeating: 0, count: order * order)
        func set(_ r: Int, _ c: Int, _ value: Double) {
            m[r + c * order] = value
            m[c + r * order] = value
        }
        for (j, t) in s.terms.enumerated() {
            for level in 0..<t.levels {
                let block = s.aDiagonal[j].block(level)
                for c in 0..<t.v { for r in c..<t.v { set(t.offset + level * t.v + r, t.offset + level * t.v + c, block[r + c * t.v]) } }
            }
            for c in 0..<t.q { for r in 0...s.p { set(s.q + r, t.offset + c, s.aXZ[j][r, c]) } }
            for i in (j + 1)..<max(j + 1, s.terms.count) {
                let b = s.aOff[i][j]
                let ti = s.terms[i]
                for cl in 0..<b.colLevels {
                    for e in b.colStart[cl]..<b.colStart[cl + 1] {
                        let block = b.block(e)
                        for c in 0..<t.v {
                            for r in 0..<ti.v {
                                set(ti.offset + b.rowLevel[e] * ti.v + r, t.offset + cl * t.v + c, block[r + c * ti.v])
                            }
                        }
                    }
                }
            }
        }
        for c in 0...s.p { for r in c...s.p { set(s.q + r, s.q + c, s.aXX[r, c]) } }
        return m
    }

    static func system(_ frame: ModelFrame) -> PLSSystem {
        PLSSystem(terms: frame.randomEffectsTerms, x: frame.x, p: frame.rank, y: frame.y)
    }

    @Test func unitWeightsGiveTheUnweightedBits() {
        let frame = Self.design(nested: false, slope: true, seed: 8)
        let plain = Self.system(frame)
        let weighted = Self.system(frame)
        [Double](repeating: 1, count: frame.observationCount).withUnsafeBufferPointer { weighted.setSqrtWeights($0) }
        weighted.updateA()
        #expect(weighted.isWeighted && !plain.isWeighted)
        #expect(Self.assembled(weighted) == Self.assembled(plain))
        let theta = [0.8, 0.1, 0.6, 1.3, 0.4]
        #expect(plain.updateL(theta: theta) && weighted.updateL(theta: theta))
        #expect(weighted.objective(reml: false) == plain.objective(reml: false))
    }

    @Test func weightsMatchTheDenseCrossProduct() throws {
        let frame = Self.design(nested: true, slope: true, seed: 12)
        var random = Stream(state: 5)
        let sqrtWeights = (0..<frame.observationCount).map { _ in 0.5 + random.uniform() }
        let s = Self.system(frame)
        sqrtWeights.withUnsafeBufferPointer { s.setSqrtWeights($0) }
        s.updateA()
        // Twice: the weighted copies are made once and re-formed in place.
        sqrtWeights.withUnsafeBufferPointer { s.setSqrtWeights($0) }
        s.updateA()
        let dense = DenseBlockedSystem(terms: frame.randomEffectsTerms,
                                       lambda: frame.randomEffectsTerms.map { [Double](repeating: 0, count: $0.vsize * $0.vsize) },
                                       x: frame.x, p: frame.rank, y: frame.y, sqrtWeights: sqrtWeights)
        let expected = try dense.formed().a
        let actual = Self.assembled(s)
        let scale = expected.map(abs).max() ?? 1
        #expect(zip(actual, expected).allSatisfy { abs($0 - $1) <= 1e-12 * scale })
    }
}
