import Foundation

// Storage for the blocks of the penalized least-squares system. Each block owns a raw buffer so the
// per-θ update writes in place: no copy-on-write checks and no allocation inside the objective.

/// A column-major dense matrix owning its buffer.
final class DenseBlock {
    let rows: Int
    let cols: Int
    let data: UnsafeMutablePointer<Double>

    init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        data = .allocate(capacity: max(1, rows * cols))
        data.initialize(repeating: 0, count: max(1, rows * cols))
    }

    /// A block whose every entry `fill` writes (no zero-filling first: a large block is touched once).
    init(rows: Int, cols: Int, filling fill: (UnsafeMutablePointer<Double>) -> Void) {
        self.rows = rows
        self.cols = cols
        if let huge = HugePages.allocate(Double.self, count: rows * cols) {
            data = huge
            isHuge = true
        } else {
            data = .allocate(capacity: max(1, rows * cols))
            if rows * cols == 0 { data.initialize(to: 0) }
        }
        fill(data)
    }

    /// Whether `data` came from `HugePages.allocate`.
    private var isHuge = false

    deinit { if isHuge { free(data) } else { data.deallocate() } }

    @inline(__always) subscript(i: Int, j: Int) -> Double {
        get { data[i + j * rows] }
        set { data[i + j * rows] = newValue }
    }

    func zero() { data.update(repeating: 0, count: rows * cols) }

    func copy(from other: DenseBlock) { data.update(from: other.data, count: rows * cols) }
}

/// A uniform block-diagonal matrix: `count` symmetric or lower-triangular `v × v` blocks, each column-major,
/// stored one after another. A scalar random-effects term gives `v == 1`, a diagonal matrix.
final class BlockDiagonalBlock {
    let v: Int
    let count: Int
    let data: UnsafeMutablePointer<Double>

    init(v: Int, count: Int) {
        self.v = v
        self.count = count
        data = .allocate(capacity: max(1, v * v * count))
        data.initialize(repeating: 0, count: max(1, v * v * count))
    }

    deinit { data.deallocate() }

    /// Start of the `level`-th `v × v` block.
    @inline(__always) func block(_ level: Int) -> UnsafeMutablePointer<Double> { data + level * v * v }

    func zero() { data.update(repeating: 0, count: v * v * count) }
}

/// A sparse matrix whose structural non-zeros are dense `vr × vc` sub-blocks at (row level, column level) pairs:
/// the Z_i'Z_j blocks of crossed or nested terms and their Cholesky counterparts. Sub-blocks are stored
/// column-level by column-level, row levels ascending within a column (compressed sparse column at level scale).
final class BlockSparseBlock {
    let vr: Int
    let vc: Int
    let rowLevels: Int
    let colLevels: Int
    /// `colStart[c] ..< colStart[c + 1]` are the sub-block indices of column level `c`.
    let colStart: [Int]
    /// Row level of each sub-block.
    let rowLevel: [Int]
    let data: UnsafeMutablePointer<Double>

    init(vr: Int, vc: Int, rowLevels: Int, pattern: LevelPattern) {
        self.vr = vr
        self.vc = vc
        self.rowLevels = rowLevels
        colLevels = pattern.columns
        colStart = pattern.colStart
        rowLevel = pattern.rowLevel
        let size = max(1, rowLevel.count * vr * vc)
        data = .allocate(capacity: size)
        data.initialize(repeating: 0, count: size)
    }

    deinit { data.deallocate() }

    var blockCount: Int { rowLevel.count }
    var blockSize: Int { vr * vc }

    @inline(__always) func block(_ index: Int) -> UnsafeMutablePointer<Double> { data + index * vr * vc }

    /// Sub-block index of (row level `r`, column level `c`), or nil when structurally zero.
    func index(row r: Int, column c: Int) -> Int? {
        var lo = colStart[c]
        var hi = colStart[c + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            let m = rowLevel[mid]
            if m == r { return mid }
            if m < r { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    func zero() { data.update(repeating: 0, count: blockCount * vr * vc) }

    /// How the lower triangle of S Sᵀ is computed by `downdateDiagonal` (scalar terms).
    private(set) lazy var gramPlan = GramPlan(rows: rowLevels, levels: colLevels,
                                              rowCount: { colStart[$0 + 1] - colStart[$0] },
                                              row: { rowLevel[colStart[$0] + $1] })
}

/// A diagonal block of L for one random-effects term: block-diagonal while no fill-in reaches it
/// (first term, nested terms), dense otherwise (crossed terms after downdating), or a sparse supernodal factor
/// for a large last scalar term whose fill-in leaves it mostly zeros.
enum DiagonalBlock {
    case blockDiagonal(BlockDiagonalBlock)
    case dense(DenseBlock)
    case sparse(SparseCholeskyBlock)
}
