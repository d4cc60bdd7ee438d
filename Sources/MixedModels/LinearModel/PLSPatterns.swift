// The symbolic analysis of the penalized system: which (row level, column level) sub-blocks of A's and L's
// off-diagonal blocks can be non-zero. Counting sorts and mark arrays, linear in the observations and the
// non-zeros (no hashing), since this runs once per model on up to millions of observations.

/// A block's sparsity at level scale, compressed sparse column: `rowLevel[colStart[c] ..< colStart[c + 1]]` are
/// the row levels of column level `c`, ascending.
struct LevelPattern: Equatable {
    var colStart: [Int]
    var rowLevel: [Int]

    var columns: Int { colStart.count - 1 }

    /// Every row level in every column.
    static func full(rows: Int, columns: Int) -> LevelPattern {
        var rowLevel: [Int] = []
        rowLevel.reserveCapacity(rows * columns)
        for _ in 0..<columns { rowLevel.append(contentsOf: 0..<rows) }
        return LevelPattern(colStart: (0...columns).map { $0 * rows }, rowLevel: rowLevel)
    }

    /// Whether some column level holds more than one row level (then L's diagonal block below it fills in).
    var hasSharedColumn: Bool { (0..<columns).contains { colStart[$0 + 1] - colStart[$0] > 1 } }
}

/// Where each key's bucket starts when `keys` (in `0 ..< levels`) are grouped by key: `levels + 1` prefix sums.
func bucketStarts(_ keys: [Int32], levels: Int) -> [Int] {
    var start = [Int](repeating: 0, count: levels + 1)
    for k in keys { start[Int(k) + 1] += 1 }
    for k in 0..<levels { start[k + 1] += start[k] }
    return start
}

extension PLSSystem {
    /// The positions `0 ..< keys.count` stably sorted by `keys[position]` (a counting sort over `levels` keys),
    /// visiting them in `order` (all positions ascending when nil); `start[k] ..< start[k + 1]` hold key `k`.
    static func countingSort(_ keys: [Int32], levels: Int, order: [Int32]? = nil) -> (start: [Int], order: [Int32]) {
        let start = bucketStarts(keys, levels: levels)
        var next = start
        var sorted = [Int32](repeating: 0, count: keys.count)
        keys.withUnsafeBufferPointer { keys in
            if let order {
                for o in order {
                    let k = Int(keys[Int(o)])
                    sorted[next[k]] = o
                    next[k] += 1
                }
            } else {
                for o in keys.indices {
                    let k = Int(keys[o])
                    sorted[next[k]] = Int32(o)
                    next[k] += 1
                }
            }
        }
        return (start, sorted)
    }

    /// The (row level, column level) pairs where two terms' observations meet, and each observation's pair index.
    /// Observations sorted by row level, then stably by column level, list each column's row levels ascending.
    static func crossPattern(rows: TermLayout, cols: TermLayout) -> (LevelPattern, [Int32]) {
        let byRow = countingSort(rows.refs, levels: rows.levels)
        let (start, order) = countingSort(cols.refs, levels: cols.levels, order: byRow.order)
        var colStart = [Int](repeating: 0, count: cols.levels + 1)
        var rowLevel: [Int] = []
        var map = [Int32](repeating: 0, count: rows.refs.count)
        rows.refs.withUnsafeBufferPointer { refs in
            for c in 0..<cols.levels {
                var last = -1
                for k in start[c]..<start[c + 1] {
                    let o = Int(order[k])
                    let r = Int(refs[o])
                    if r != last {
                        rowLevel.append(r)
                        last = r
                    }
                    map[o] = Int32(rowLevel.count - 1)
                }
                colStart[c + 1] = rowLevel.count
            }
        }
        return (LevelPattern(colStart: colStart, rowLevel: rowLevel), map)
    }

    /// L's off-diagonal patterns from A's (`a[i][j]`, i > j) with the fill-in of the blocked Cholesky factorization,
    /// and which diagonal blocks of L are dense (a term whose levels share a column level of an earlier term).
    static func filledPatterns(_ a: [[LevelPattern]], _ layouts: [TermLayout])
        -> (l: [[LevelPattern]], denseDiagonal: [Bool]) {
        let k = layouts.count
        var l = a
        var denseDiagonal = [Bool](repeating: false, count: k)
        for j in 0..<k {
            denseDiagonal[j] = (0..<j).contains { l[j][$0].hasSharedColumn }
            for i in (j + 1)..<max(j + 1, k) {
                if denseDiagonal[j] {
                    l[i][j] = .full(rows: layouts[i].levels, columns: layouts[j].levels)
                } else if j > 0 {
                    l[i][j] = filled(l[i][j], rowLevels: layouts[i].levels,
                                     updates: (0..<j).map { (l[i][$0], l[j][$0]) })
                }
            }
        }
        return (l, denseDiagonal)
    }

    /// Column c of block (i, j) joined with the rows of (i, jj) in every column level of term jj whose rows in
    /// (j, jj) include c: the pattern of L_ij after subtracting L_i,jj L_j,jjᵀ.
    private static func filled(_ block: LevelPattern, rowLevels: Int,
                               updates: [(rows: LevelPattern, cols: LevelPattern)]) -> LevelPattern {
        let columns = block.columns
        // Per update, its column levels cc listed by the column c of the block they reach (the transpose of cols).
        let reaching = updates.map { update in
            countingSort(update.cols.rowLevel.map { Int32($0) }, levels: columns)
        }
        let columnOfEntry = updates.map { update in
            var owner = [Int](repeating: 0, count: update.cols.rowLevel.count)
            for cc in 0..<update.cols.columns {
                for e in update.cols.colStart[cc]..<update.cols.colStart[cc + 1] { owner[e] = cc }
            }
            return owner
        }
        var mark = [Int](repeating: -1, count: rowLevels)
        var colStart = [0]
        colStart.reserveCapacity(columns + 1)
        var rowLevel: [Int] = []
        for c in 0..<columns {
            let first = rowLevel.count
            func add(_ r: Int) {
                if mark[r] != c {
                    mark[r] = c
                    rowLevel.append(r)
                }
            }
            for e in block.colStart[c]..<block.colStart[c + 1] { add(block.rowLevel[e]) }
            for (u, update) in updates.enumerated() {
                for t in reaching[u].start[c]..<reaching[u].start[c + 1] {
                    let cc = columnOfEntry[u][Int(reaching[u].order[t])]
                    for e in update.rows.colStart[cc]..<update.rows.colStart[cc + 1] { add(update.rows.rowLevel[e]) }
                }
            }
            rowLevel[first...].sort()
            colStart.append(rowLevel.count)
        }
        return LevelPattern(colStart: colStart, rowLevel: rowLevel)
    }

    /// Where each sub-block of A's block lands in L's block of the same place (L's pattern contains A's).
    static func positions(of a: BlockSparseBlock, in l: BlockSparseBlock) -> [Int] {
        if a.colStart == l.colStart && a.rowLevel == l.rowLevel { return Array(0..<a.blockCount) }
        var map: [Int] = []
        map.reserveCapacity(a.blockCount)
        for c in 0..<a.colLevels {
            for s in a.colStart[c]..<a.colStart[c + 1] { map.append(l.index(row: a.rowLevel[s], column: c) ?? 0) }
        }
        return map
    }
}
