/// The columns of a sparse update A ← A − S Sᵀ (the crossed-terms downdate of L's second diagonal block) that meet
/// so many rows that their share is cheaper as one BLAS product over a dense copy than as scattered products.
///
/// On Zipf-skewed crossed data (users × items) the few heaviest users rate most items: a user with m items costs
/// m²/2 scattered products, and the dense copy costs rows²/2 products at BLAS-3 speed (~10–30× faster), so columns
/// with at least a quarter of the rows are copied. The choice is fixed by the pattern; the copy keeps its zeros
/// between updates because each update writes the same positions.
final class DenseColumnGram {
    /// Rows of A (and of the dense copy).
    let rows: Int
    /// Whether each sparse column is in the dense copy.
    let isDense: [Bool]
    /// The sparse columns copied, ascending.
    let columns: [Int]
    private let copy: UnsafeMutablePointer<Double>

    /// Order of A from which dense copies are made (smaller updates are cheap, and their results stay as they were).
    static let minimumRows = 512

    /// The dense share of an update of the `rows × rows` matrix by `columnCount` sparse columns holding
    /// `entries(c)` rows each; nil when no column qualifies.
    init?(rows: Int, columnCount: Int, entries: (Int) -> Int) {
        guard rows >= Self.minimumRows else { return nil }
        let dense = (0..<columnCount).map { 4 * entries($0) >= rows }
        let columns = dense.indices.filter { dense[$0] }
        guard !columns.isEmpty else { return nil }
        self.rows = rows
        isDense = dense
        self.columns = columns
        copy = .allocate(capacity: rows * columns.count)
        copy.initialize(repeating: 0, count: rows * columns.count)
    }

    deinit { copy.deallocate() }

    /// A ← A − D Dᵀ on the lower triangle of A (leading dimension `ld`), D the dense copy: `fill(c, column)` writes
    /// sparse column `c`'s values at their rows of the zeroed length-`rows` column.
    func subtract(from a: UnsafeMutablePointer<Double>, ld: Int,
                  fill: (_ column: Int, _ into: UnsafeMutablePointer<Double>) -> Void) {
        for (k, c) in columns.enumerated() { fill(c, copy + k * rows) }
        subtractGramLower(copy, rows: rows, width: columns.count, ldp: rows, from: a, ldc: ld)
    }
}

/// How a sparse update A ← A − S Sᵀ is computed (`downdateDiagonal`, `PIRLSCrossBlock`): the columns meeting many
/// rows as one BLAS product (`dense`), the others as scattered products split across two cores at row `split`. A
/// product targets column `row(j, x)` once for each later row of its column, so the rows below `split` carry half
/// of the `work` scattered products. Fixed by the pattern.
///
/// The scattered products run target column by target column (`sources`): each column of A then stays in the
/// first-level cache while every sparse column meeting it adds its products, and the sparse columns are read in
/// order. Going sparse column by sparse column instead writes each product to a different column of A, a cache
/// miss apiece once A outgrows the cache (2–4× slower at 2000 and 6000 rows). Each entry of A still receives its
/// products in the same order, sparse columns ascending.
struct GramPlan {
    let dense: DenseColumnGram?
    let split: Int
    let work: Int
    /// For target column i of A, entries `sourceStart[i]..<sourceStart[i + 1]` of `sourceLevel` and
    /// `sourcePosition`: the sparse levels j (ascending, the dense ones left out) meeting row i, and i's position x
    /// among level j's rows (`row(j, x) == i`).
    let sourceStart: [Int]
    let sourceLevel: [Int32]
    let sourcePosition: [Int32]

    /// The plan for `rows` rows and `levels` sparse levels of `width` columns each sharing one ascending row list:
    /// `rowCount(j)` rows, the x-th of them `row(j, x)`.
    init(rows: Int, levels: Int, width: Int = 1, rowCount: (Int) -> Int, row: (Int, Int) -> Int) {
        let dense = DenseColumnGram(rows: rows, columnCount: levels * width) { rowCount($0 / width) }
        var perRow = [Int](repeating: 0, count: rows)
        var start = [Int](repeating: 0, count: rows + 1)
        for j in 0..<levels where dense?.isDense[j * width] != true {
            let m = rowCount(j)
            for x in 0..<m {
                perRow[row(j, x)] += (m - x) * width
                start[row(j, x) + 1] += 1
            }
        }
        for i in 0..<rows { start[i + 1] += start[i] }
        var next = start
        var level = [Int32](repeating: 0, count: start[rows])
        var position = [Int32](repeating: 0, count: start[rows])
        for j in 0..<levels where dense?.isDense[j * width] != true {
            for x in 0..<rowCount(j) {
                let i = row(j, x)
                level[next[i]] = Int32(j)
                position[next[i]] = Int32(x)
                next[i] += 1
            }
        }
        self.dense = dense
        work = perRow.reduce(0, +)
        split = SpareCores.balancedSplit(rows) { Double(perRow[$0]) }
        sourceStart = start
        sourceLevel = level
        sourcePosition = position
    }

    /// Calls `body(j, x)` for the sparse levels meeting each target column in `columns`, column by column and
    /// levels ascending within a column (see `sourceStart`).
    @inline(__always)
    func forEachSource(columns: Range<Int>, _ body: (_ column: Int, _ level: Int, _ position: Int) -> Void) {
        sourceStart.withUnsafeBufferPointer { start in
        sourceLevel.withUnsafeBufferPointer { level in
        sourcePosition.withUnsafeBufferPointer { position in
            for i in columns {
                for e in start[i]..<start[i + 1] { body(i, Int(level[e]), Int(position[e])) }
            }
        }}}
    }
}
