import CBLAS
import DataTables
import Foundation
import Testing
@testable import MixedModels

/// The two-core `dsyrk_` and `dgemm_` that CHOLMOD's large descendant updates go through: bit for bit what
/// OpenBLAS computes, whichever thread computes which columns.
@Suite struct TwoCoreUpdatesTests {
    static func random(_ count: Int, seed: UInt64) -> [Double] {
        var stream = SparseCholeskyTests.Stream(state: seed)
        return (0..<count).map { _ in stream.uniform() - 0.5 }
    }

    /// The column parts against OpenBLAS's own call, for the lower triangle of A Aᵀ and for A Bᵀ and A B, with
    /// β 0 and 1, on shapes whose cuts fall unevenly: the same bits where the one-time check found them so
    /// (the earlier machines' kernels, not Cooper Lake's). `dsyrk_` and `dgemm_`, called as CHOLMOD calls them, give
    /// OpenBLAS's bits for small calls, and the parts' bits (OpenBLAS's where they are exact) for large ones.
    @Test func columnPartsReproduceOpenBLAS() throws {
        let interposed = TwoCoreUpdates.interposers
        let ourDsyrk = unsafeBitCast(interposed.dsyrk, to: TwoCoreUpdates.Dsyrk.self)
        let ourDgemm = unsafeBitCast(interposed.dgemm, to: TwoCoreUpdates.Dgemm.self)
        let dsyrk = try #require(TwoCoreUpdates.openBLASDsyrk)
        let dgemm = try #require(TwoCoreUpdates.openBLASDgemm)
        for (rows, width, depth, seed) in [(556, 556, 67, 1), (333, 333, 9, 2), (480, 131, 60, 3), (97, 400, 41, 4)]
            as [(Int, Int, Int, UInt64)] {
            let a = Self.random(rows * depth, seed: seed), c0 = Self.random(rows * width, seed: seed + 10)
            for beta in [0.0, 1.0] {
                for kind in 0..<3 where kind > 0 || rows == width {
                    // kind 0: lower triangle of A Aᵀ; 1: A Bᵀ (B width × depth); 2: A B (B depth × width).
                    let b = Self.random(width * depth, seed: seed + 20)
                    var expected = c0, actual = c0
                    var m = Int32(rows), n = Int32(width), k = Int32(depth), alpha = 1.0, betaValue = beta
                    var lda = Int32(rows), ldb = Int32(kind == 2 ? depth : width), ldc = Int32(rows)
                    var l = CChar(UInt8(ascii: "L")), no = CChar(UInt8(ascii: "N")), t = CChar(UInt8(ascii: "T"))
                    switch kind {
                    case 0: dsyrk(&l, &no, &n, &k, &alpha, a, &lda, &betaValue, &expected, &ldc)
                    case 1: dgemm(&no, &t, &m, &n, &k, &alpha, a, &lda, b, &ldb, &betaValue, &expected, &ldc)
                    default: dgemm(&no, &no, &m, &n, &k, &alpha, a, &lda, b, &ldb, &betaValue, &expected, &ldc)
                    }
                    var viaSymbol = c0
                    TwoCoreCholesky.enabled {
                        switch kind {
                        case 0: ourDsyrk(&l, &no, &n, &k, &alpha, a, &lda, &betaValue, &viaSymbol, &ldc)
                        case 1: ourDgemm(&no, &t, &m, &n, &k, &alpha, a, &lda, b, &ldb, &betaValue, &viaSymbol, &ldc)
                        default: ourDgemm(&no, &no, &m, &n, &k, &alpha, a, &lda, b, &ldb, &betaValue, &viaSymbol, &ldc)
                        }
                    }
                    a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                    actual.withUnsafeMutableBufferPointer { c in
                        let u = TwoCoreUpdates.Update(
                            a: a.baseAddress!, lda: lda, b: kind == 0 ? a.baseAddress! : b.baseAddress!,
                            ldb: kind == 0 ? lda : ldb, c: c.baseAddress!, ldc: ldc, rows: rows, columns: width,
                            depth: depth, alpha: alpha, beta: beta, transposedB: kind != 2, lowerTriangle: kind == 0)
                        for part in (0..<TwoCoreUpdates.chunks).reversed() { TwoCoreUpdates.columns(u, part: part) }
                    }}}
                    if TwoCoreUpdates.isExact {
                        #expect(Self.lowerEqual(expected, actual, rows: rows, width: width, lower: kind == 0),
                                "\(rows) × \(width) × \(depth), kind \(kind), β \(beta)")
                    }
                    let work = rows * width * depth / (kind == 0 ? 2 : 1)
                    let large = work >= TwoCoreUpdates.minimumWork
                    #expect(Self.lowerEqual(large ? actual : expected, viaSymbol, rows: rows, width: width,
                                            lower: kind == 0),
                            "through the symbol: \(rows) × \(width) × \(depth), kind \(kind), β \(beta)")
                }
            }
        }
    }

    /// C's columns equal (only their lower triangle when `lower`).
    static func lowerEqual(_ a: [Double], _ b: [Double], rows: Int, width: Int, lower: Bool) -> Bool {
        (0..<width).allSatisfy { j in
            let range = (j * rows + (lower ? j : 0))..<(j * rows + rows)
            return a[range] == b[range]
        }
    }

    @Test func takeThePlaceOfBLASsSymbols() {
        // CHOLMOD finds dsyrk_ and dgemm_ through the dynamic linker: the process's first definitions must be these.
        #expect(dlsym(nil, "dsyrk_") == TwoCoreUpdates.interposers.dsyrk)
        #expect(dlsym(nil, "dgemm_") == TwoCoreUpdates.interposers.dgemm)
    }

    /// insteval's instructor block (CHOLMOD's root supernode of about 550 columns, updated by descendants of 60
    /// and more columns) reaches the two-core path, taken when a core is free (other suites running at the same
    /// time may hold it), and its objective does not depend on a free core.
    @Test func sparseFactorSharesItsLargeUpdates() throws {
        let model = try LinearMixedModel(formula: Formula("y ~ 1 + service + (1|s) + (1|d)"),
                                         data: try Datasets.load("insteval"))
        let before = TwoCoreUpdates.eligible
        for theta in [[0.3, 0.4], [0.9, 0.2]] {
            let free = model.evaluateObjective(at: theta, reml: false)
            let cores = SpareCores.reserve(Int.max)
            let held = model.evaluateObjective(at: theta, reml: false)
            SpareCores.release(cores)
            #expect(free == held)
        }
        #expect(TwoCoreUpdates.eligible > before)
    }
}
