// The symbolic side of the sparse diagonal block: the lower pattern of M = Σ S Sᵀ + I and its permuted copy,
// sorted by scatters (a transpose lists each row's columns ascending) rather than by comparison sorts.
extension SparseCholeskyBlock {
    /// The lower pattern of M in the original order: column i holds i and every later level sharing a column level
    /// of some S with it, rows ascending. Nil as soon as it holds more than `maxNonZeros` entries.
    static func lowerPattern(levels: Int, blocks: [BlockSparseBlock], rowLevel32: [UnsafeMutablePointer<Int32>],
                             transposeStart: [[Int]], transposeBlock: [[Int32]], transposeColumn: [[Int32]],
                             maxNonZeros: Int) -> (start: [Int], rows: [Int32])? {
        // Each column's rows, unsorted (its diagonal first), written ahead of the count check into spare capacity.
        var start = [Int](repeating: 0, count: levels + 1)
        var unsorted = [Int32](repeating: 0, count: levels)
        var count = 0
        var mark = [Int32](repeating: -1, count: levels)
        for i in 0..<levels {
            // Column i holds at most every level from i on.
            if unsorted.count - count < levels - i {
                unsorted.append(contentsOf: repeatElement(0, count: max(unsorted.count, levels - i)))
            }
            count = unsorted.withUnsafeMutableBufferPointer { out in
                mark.withUnsafeMutableBufferPointer { mark in
                    var count = count
                    out[count] = Int32(i)
                    count += 1
                    mark[i] = Int32(i)
                    for (b, s) in blocks.enumerated() {
                        let rowLevel = rowLevel32[b]
                        s.colStart.withUnsafeBufferPointer { colStart in
                            transposeBlock[b].withUnsafeBufferPointer { block in
                                transposeColumn[b].withUnsafeBufferPointer { column in
                                    for t in transposeStart[b][i]..<transposeStart[b][i + 1] {
                                        for a in Int(block[t])..<colStart[Int(column[t]) + 1] {
                                            let r = rowLevel[a]
                                            if mark[Int(r)] != Int32(i) {
                                                mark[Int(r)] = Int32(i)
                                                out[count] = r
                                                count += 1
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    return count
                }
            }
            if count > maxNonZeros { return nil }
            start[i + 1] = count
        }
        unsorted.removeLast(unsorted.count - count)
        // Transposed twice: by rows (each row's columns ascending), then back (each column's rows ascending).
        let (rowStart, byRow) = transpose(start: start, rows: unsorted, levels: levels)
        return (start, transpose(start: rowStart, rows: byRow, levels: levels).rows)
    }

    /// The transpose of a `levels × levels` pattern given by columns: each row's columns, ascending.
    private static func transpose(start: [Int], rows: [Int32], levels: Int) -> (start: [Int], rows: [Int32]) {
        let rowStart = bucketStarts(rows, levels: levels)
        var next = rowStart
        var columns = [Int32](repeating: 0, count: rows.count)
        rows.withUnsafeBufferPointer { rows in
            for c in 0..<levels {
                for e in start[c]..<start[c + 1] {
                    let r = Int(rows[e])
                    columns[next[r]] = Int32(c)
                    next[r] += 1
                }
            }
        }
        return (rowStart, columns)
    }

    /// M(P, P)'s lower pattern: entry (r, c) of M moves to (inverse[r], inverse[c]), kept in the lower triangle,
    /// rows ascending within each column (entries ordered by row, then scattered to their columns); with the
    /// position in it of each entry of the original pattern.
    static func permutedPattern(columnStart start: [Int], rows pattern: [Int32], permutation: [Int32])
        -> (columnStart: [Int], rows: [Int32], position: [Int32]) {
        let levels = permutation.count
        let nnz = pattern.count
        var inverse = [Int](repeating: 0, count: levels)
        for (k, original) in permutation.enumerated() { inverse[Int(original)] = k }
        var columnCount = [Int](repeating: 0, count: levels + 1)
        var rowCount = [Int](repeating: 0, count: levels + 1)
        for c in 0..<levels {
            for e in start[c]..<start[c + 1] {
                let a = inverse[Int(pattern[e])], b = inverse[c]
                columnCount[min(a, b) + 1] += 1
                rowCount[max(a, b) + 1] += 1
            }
        }
        for k in 0..<levels {
            columnCount[k + 1] += columnCount[k]
            rowCount[k + 1] += rowCount[k]
        }
        // Entries (as original positions e, with their permuted column) grouped by permuted row.
        var nextRow = rowCount
        var byRow = [(source: Int32, column: Int32)](repeating: (0, 0), count: nnz)
        for c in 0..<levels {
            for e in start[c]..<start[c + 1] {
                let a = inverse[Int(pattern[e])], b = inverse[c]
                byRow[nextRow[max(a, b)]] = (Int32(e), Int32(min(a, b)))
                nextRow[max(a, b)] += 1
            }
        }
        var nextColumn = columnCount
        var permutedRows = [Int32](repeating: 0, count: nnz)
        var position = [Int32](repeating: 0, count: nnz)
        for row in 0..<levels {
            for k in rowCount[row]..<rowCount[row + 1] {
                let (source, column) = byRow[k]
                let target = nextColumn[Int(column)]
                permutedRows[target] = Int32(row)
                position[Int(source)] = Int32(target)
                nextColumn[Int(column)] += 1
            }
        }
        return (columnCount, permutedRows, position)
    }
}
