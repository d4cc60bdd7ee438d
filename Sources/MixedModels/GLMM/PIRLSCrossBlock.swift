import CBLAS

/// The pattern of L₂₁, the block of L below the first term: row r (a random effect of the later terms) of block
/// column j (a level of the first term) is non-zero only when some observation has level j of the first term and
/// the level behind row r. On large crossed data (users × items) most pairs never occur: a dense q₂ × q₁ block
/// would cost q₂²q₁ per factorization in L₂₁L₂₁ᵀ alone, the stored pattern costs Σⱼ mⱼ², with mⱼ the rows of
/// level j.
///
/// Values are stored level by level: level j's block is mⱼ × v₁, column-major (leading dimension mⱼ), at
/// `valueStart[j]`; its rows, ascending, at `rows[rowStart[j]..<rowStart[j + 1]]`.
struct PIRLSCrossBlock {
    /// Start of each level's rows in `rows` (count levels + 1).
    let rowStart: [Int]
    /// Row indices (0..<q₂), level by level, ascending within a level.
    let rows: [Int32]
    /// For observation i and later term t (0-based after the first), the position in its first-term level's row
    /// list of the term's first row for that observation: `positions[i * laterTerms + t]`.
    let positions: [Int32]
    let laterTerms: Int
    let v1: Int
    let q2: Int
    /// Whether every level of the first term meets every row (subjects × items in verbagg): then the values are
    /// the dense q₂ × q₁ matrix L₂₁, column-major, and its products run as BLAS calls.
    let isDense: Bool
    /// How `subtractOuterProducts` computes L₂₁L₂₁ᵀ without a dense L₂₁ (columns: level j, column b at j·v₁ + b).
    let gramPlan: GramPlan?

    /// The pattern of the terms' observations: `first` the first term, `later` the others (rows relative to q₁).
    init(first: PIRLSSystem.RawTerm?, levels: Int, later: [PIRLSSystem.RawTerm], q1: Int, q2: Int, n: Int) {
        laterTerms = later.count
        self.q2 = q2
        guard let first else {
            v1 = 1
            isDense = false
            rowStart = [0]
            rows = []
            positions = []
            gramPlan = nil
            return
        }
        v1 = first.vsize
        // One key (level, first row of the later term's level) per observation and later term, sorted and unique.
        let stride = UInt64(max(1, q2))
        var keys = [UInt64]()
        keys.reserveCapacity(n * later.count)
        for i in 0..<n {
            let level = UInt64(first.refs[i])
            for term in later {
                keys.append(level * stride + UInt64(term.offset - q1 + Int(term.refs[i]) * term.vsize))
            }
        }
        keys.sort()
        var starts = [Int](repeating: 0, count: levels + 1)
        var rowList = [Int32]()
        var previous: UInt64?
        for key in keys where key != previous {
            previous = key
            let level = Int(key / stride), row = Int(key % stride)
            let size = Self.blockSize(of: row, later: later, q1: q1)
            for a in 0..<size { rowList.append(Int32(row + a)) }
            starts[level + 1] += size
        }
        for j in 0..<levels { starts[j + 1] += starts[j] }
        rowStart = starts
        rows = rowList
        // Rows are unique and ascending within a level: q₂ of them per level is the full range.
        isDense = levels > 0 && q2 > 0 && rowList.count == levels * q2
        gramPlan = isDense ? nil : GramPlan(rows: q2, levels: levels, width: v1,
                                            rowCount: { starts[$0 + 1] - starts[$0] },
                                            row: { Int(rowList[starts[$0] + $1]) })
        var positions = [Int32](repeating: 0, count: n * later.count)
        rowList.withUnsafeBufferPointer { rowList in
            for i in 0..<n {
                let level = Int(first.refs[i])
                for (t, term) in later.enumerated() {
                    let row = Int32(term.offset - q1 + Int(term.refs[i]) * term.vsize)
                    // Binary search in the level's ascending rows.
                    var low = starts[level], high = starts[level + 1] - 1
                    while low < high {
                        let mid = (low + high) / 2
                        if rowList[mid] < row { low = mid + 1 } else { high = mid }
                    }
                    positions[i * later.count + t] = Int32(low - starts[level])
                }
            }
        }
        self.positions = positions
    }

    /// The vsize of the later term owning `row` (terms are stacked in order).
    private static func blockSize(of row: Int, later: [PIRLSSystem.RawTerm], q1: Int) -> Int {
        var size = 1
        for term in later where term.offset - q1 <= row { size = term.vsize }
        return size
    }

    var levels: Int { rowStart.count - 1 }
    /// Stored values: every level's rows times v₁.
    var valueCount: Int { rows.count * v1 }
    func rowCount(_ j: Int) -> Int { rowStart[j + 1] - rowStart[j] }
    func valueStart(_ j: Int) -> Int { rowStart[j] * v1 }

    /// Position in the values of observation i's entry for later term t, row a of that term and first-term column b.
    @inline(__always)
    func valueIndex(observation i: Int, level j: Int, term t: Int, row a: Int, column b: Int) -> Int {
        rowStart[j] * v1 + b * (rowStart[j + 1] - rowStart[j]) + Int(positions[i * laterTerms + t]) + a
    }
}

/// The products with L₂₁ that the blocked factorization and solves need, on raw buffers: `values` holds L₂₁'s
/// stored entries.
extension PIRLSCrossBlock {
    /// L₂₁ = A₂₁ L₁₁⁻ᵀ in place, level by level (`diagonal`: the first term's v₁ × v₁ factors, one per level).
    func divide(_ values: UnsafeMutablePointer<Double>, byTransposed diagonal: UnsafePointer<Double>) {
        for j in 0..<levels {
            let m = rowCount(j)
            guard m > 0 else { continue }
            divideByLowerTransposed(values + valueStart(j), rows: m, ldb: m, diagonal + j * v1 * v1, n: v1, ldl: v1)
        }
    }

    /// A ← A − L₂₁L₂₁ᵀ on the lower triangle of the dense q₂ × q₂ matrix A: Σⱼ mⱼ²/2 products per column of the
    /// first term instead of q₂²q₁/2.
    func subtractOuterProducts(_ values: UnsafePointer<Double>, from a: UnsafeMutablePointer<Double>, q2: Int) {
        if isDense {
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(q2), Int32(levels * v1), -1, values,
                        Int32(q2), 1, a, Int32(q2))
            return
        }
        rows.withUnsafeBufferPointer { rows in
            let dense = gramPlan?.dense
            // Target columns below the plan's split and from it are disjoint: on large data the two run on two cores,
            // each entry receiving its products in the same order.
            func update(columns: Range<Int>) {
                guard let gramPlan else { return }
                rowStart.withUnsafeBufferPointer { rowStart in
                    gramPlan.forEachSource(columns: columns) { i, j, x in
                        let start = rowStart[j], m = rowStart[j + 1] - start
                        let r = rows.baseAddress! + start
                        let target = a + i * q2
                        // Rows forming one run (every pair of a dense pattern) make the inner loop contiguous.
                        let contiguous = Int(r[m - 1]) - Int(r[0]) == m - 1
                        for b in 0..<v1 {
                            let column = values + start * v1 + b * m
                            let vx = column[x]
                            if vx == 0 { continue }
                            if contiguous {
                                let shifted = target + Int(r[0])
                                for y in x..<m { shifted[y] -= column[y] * vx }
                            } else {
                                for y in x..<m { target[Int(r[y])] -= column[y] * vx }
                            }
                        }
                    }
                }
            }
            if (gramPlan?.work ?? 0) < PLSSystem.parallelGramWork {
                update(columns: 0..<q2)
            } else {
                let split = gramPlan?.split ?? 0
                SpareCores.split { update(columns: $0 == 0 ? 0..<split : split..<q2) }
            }
            dense?.subtract(from: a, ld: q2) { c, column in
                let j = c / v1, m = rowCount(j)
                let r = rows.baseAddress! + rowStart[j]
                let source = values + valueStart(j) + (c % v1) * m
                for x in 0..<m { column[Int(r[x])] = source[x] }
            }
        }
    }

    /// c₂ ← c₂ − L₂₁c₁ (c₁ of length q₁, c₂ of length q₂).
    func subtractProduct(_ values: UnsafePointer<Double>, _ c1: UnsafePointer<Double>,
                         from c2: UnsafeMutablePointer<Double>) {
        if isDense {
            cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(q2), Int32(levels * v1), -1, values, Int32(q2), c1, 1, 1,
                        c2, 1)
            return
        }
        rows.withUnsafeBufferPointer { rows in
            for j in 0..<levels {
                let m = rowCount(j)
                let r = rows.baseAddress! + rowStart[j]
                for b in 0..<v1 {
                    let column = values + valueStart(j) + b * m
                    let factor = c1[j * v1 + b]
                    for k in 0..<m { c2[Int(r[k])] -= column[k] * factor }
                }
            }
        }
    }

    /// c₁ ← c₁ − L₂₁ᵀc₂.
    func subtractTransposedProduct(_ values: UnsafePointer<Double>, _ c2: UnsafePointer<Double>,
                                   from c1: UnsafeMutablePointer<Double>) {
        if isDense {
            cblas_dgemv(CblasColMajor, CblasTrans, Int32(q2), Int32(levels * v1), -1, values, Int32(q2), c2, 1, 1,
                        c1, 1)
            return
        }
        rows.withUnsafeBufferPointer { rows in
            for j in 0..<levels {
                let m = rowCount(j)
                let r = rows.baseAddress! + rowStart[j]
                for b in 0..<v1 {
                    let column = values + valueStart(j) + b * m
                    var sum = 0.0
                    for k in 0..<m { sum += column[k] * c2[Int(r[k])] }
                    c1[j * v1 + b] -= sum
                }
            }
        }
    }

    /// B₂ ← B₂ − B₁L₂₁ᵀ for B₁ (p × q₁) and B₂ (p × q₂), column-major with leading dimension p.
    func subtractRightProduct(_ values: UnsafePointer<Double>, _ b1: UnsafePointer<Double>,
                              from b2: UnsafeMutablePointer<Double>, p: Int) {
        if isDense {
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(p), Int32(q2), Int32(levels * v1), -1, b1,
                        Int32(p), values, Int32(q2), 1, b2, Int32(p))
            return
        }
        rows.withUnsafeBufferPointer { rows in
            for j in 0..<levels {
                let m = rowCount(j)
                let r = rows.baseAddress! + rowStart[j]
                for b in 0..<v1 {
                    let column = values + valueStart(j) + b * m
                    let source = b1 + (j * v1 + b) * p
                    for k in 0..<m {
                        let target = b2 + Int(r[k]) * p, v = column[k]
                        for i in 0..<p { target[i] -= source[i] * v }
                    }
                }
            }
        }
    }
}
