import CBLAS
import Foundation

/// BLAS's `dsyrk_` for this process: CHOLMOD's update of a supernode by a descendant, C = L_d L_dᵀ (lower), shared
/// between two cores inside a sparse factorization. In insteval's instructor block these updates of the root
/// supernode are about 40 % of the factorization's flops, and the root's own factor is already on two cores
/// (`TwoCoreCholesky`). Calls outside `TwoCoreCholesky.enabled` and small ones go to OpenBLAS unchanged, and so do
/// those without a spare core where the parts are OpenBLAS's bits (`TwoCoreUpdates.perform`).
@_cdecl("dsyrk_")
public func mixedModelsDsyrk(_ uplo: UnsafePointer<CChar>, _ trans: UnsafePointer<CChar>, _ n: UnsafePointer<Int32>,
                             _ k: UnsafePointer<Int32>, _ alpha: UnsafePointer<Double>, _ a: UnsafePointer<Double>,
                             _ lda: UnsafePointer<Int32>, _ beta: UnsafePointer<Double>,
                             _ c: UnsafeMutablePointer<Double>, _ ldc: UnsafePointer<Int32>) {
    guard let openBLAS = TwoCoreUpdates.openBLASDsyrk else {
        preconditionFailure("dsyrk_: no BLAS library follows MixedModels in the process")
    }
    let order = Int(n.pointee), depth = Int(k.pointee)
    guard uplo.pointee == CChar(UInt8(ascii: "L")), trans.pointee == CChar(UInt8(ascii: "N")) else {
        return openBLAS(uplo, trans, n, k, alpha, a, lda, beta, c, ldc)
    }
    TwoCoreUpdates.perform(work: order * order * depth / 2) {
        TwoCoreUpdates.Update(a: a, lda: lda.pointee, b: a, ldb: lda.pointee, c: c, ldc: ldc.pointee, rows: order,
                              columns: order, depth: depth, alpha: alpha.pointee, beta: beta.pointee,
                              transposedB: true, lowerTriangle: true)
    } otherwise: {
        openBLAS(uplo, trans, n, k, alpha, a, lda, beta, c, ldc)
    }
}

/// BLAS's `dgemm_` for this process: the rectangular part of CHOLMOD's descendant updates, C = L_d,below L_dᵀ,
/// shared between two cores as `dsyrk_` is (see `mixedModelsDsyrk`).
@_cdecl("dgemm_")
public func mixedModelsDgemm(_ transA: UnsafePointer<CChar>, _ transB: UnsafePointer<CChar>,
                             _ m: UnsafePointer<Int32>, _ n: UnsafePointer<Int32>, _ k: UnsafePointer<Int32>,
                             _ alpha: UnsafePointer<Double>, _ a: UnsafePointer<Double>, _ lda: UnsafePointer<Int32>,
                             _ b: UnsafePointer<Double>, _ ldb: UnsafePointer<Int32>, _ beta: UnsafePointer<Double>,
                             _ c: UnsafeMutablePointer<Double>, _ ldc: UnsafePointer<Int32>) {
    guard let openBLAS = TwoCoreUpdates.openBLASDgemm else {
        preconditionFailure("dgemm_: no BLAS library follows MixedModels in the process")
    }
    let rows = Int(m.pointee), columns = Int(n.pointee), depth = Int(k.pointee)
    let tb = transB.pointee
    let no = CChar(UInt8(ascii: "N"))
    guard transA.pointee == no, tb == no || tb == CChar(UInt8(ascii: "T")) || tb == CChar(UInt8(ascii: "C")) else {
        return openBLAS(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
    TwoCoreUpdates.perform(work: rows * columns * depth) {
        TwoCoreUpdates.Update(a: a, lda: lda.pointee, b: b, ldb: ldb.pointee, c: c, ldc: ldc.pointee, rows: rows,
                              columns: columns, depth: depth, alpha: alpha.pointee, beta: beta.pointee,
                              transposedB: tb != no, lowerTriangle: false)
    } otherwise: {
        openBLAS(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
}

/// The column parts of a product C ← αA op(B) + βC (or of its lower triangle, C ← αAAᵀ + βC) computed by OpenBLAS's
/// single-threaded kernels: each entry's arithmetic does not depend on how C's columns are cut into calls when the
/// cuts fall on multiples of 8 (OpenBLAS's register tiles), as for `TwoCoreCholesky`'s steps, so the result is
/// OpenBLAS's bit for bit. A one-time check against OpenBLAS finds where it is not: on Skylake-X and Cooper Lake
/// OpenBLAS multiplies products of at most 10⁶ multiply-adds by other kernels, so small parts round differently from
/// the whole call. There every eligible call runs as parts, on one core when none is spare (`perform`).
enum TwoCoreUpdates {
    typealias Dsyrk = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<Int32>,
                                      UnsafePointer<Int32>, UnsafePointer<Double>, UnsafePointer<Double>,
                                      UnsafePointer<Int32>, UnsafePointer<Double>, UnsafeMutablePointer<Double>,
                                      UnsafePointer<Int32>) -> Void
    typealias Dgemm = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafePointer<Int32>,
                                      UnsafePointer<Int32>, UnsafePointer<Int32>, UnsafePointer<Double>,
                                      UnsafePointer<Double>, UnsafePointer<Int32>, UnsafePointer<Double>,
                                      UnsafePointer<Int32>, UnsafePointer<Double>, UnsafeMutablePointer<Double>,
                                      UnsafePointer<Int32>) -> Void

    /// The definitions after this module's in the symbol search order (OpenBLAS's).
    static let openBLASDsyrk: Dsyrk? = next("dsyrk_", as: Dsyrk.self)
    static let openBLASDgemm: Dgemm? = next("dgemm_", as: Dgemm.self)

    private static func next<T>(_ name: String, as type: T.Type) -> T? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: -1), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    /// Multiply-adds below which a call is not worth waking the helper (about 0.1 ms of work).
    static let minimumWork = 3_000_000
    /// Parts of each call, taken by whichever thread is free next.
    static let chunks = 4

    /// Calls large enough to share, inside a sparse factorization (for tests: whether the path is reached; it is
    /// shared when a core is free).
    nonisolated(unsafe) static var eligible = 0

    /// Runs a call of `work` multiply-adds as parts, shared with the helper when a core is spare, or as `openBLAS`
    /// when it is outside a sparse factorization or small, or when no core is spare and the parts are OpenBLAS's
    /// bits anyway. Where they are not (`isExact` false), the parts run on this core too: the result never depends
    /// on a spare core.
    static func perform(work: Int, _ update: () -> Update, otherwise openBLAS: () -> Void) {
        guard work >= minimumWork, pthread_getspecific(TwoCoreCholesky.key) != nil else { return openBLAS() }
        eligible += 1
        let shared = SpareCores.reserve(1) == 1
        defer { if shared { SpareCores.release(1) } }
        guard shared || !isExact else { return openBLAS() }
        var u = update()
        if shared {
            share(&u)
        } else {
            for part in 0..<chunks { columns(u, part: part) }
        }
    }

    /// This module's definitions (to check that the dynamic linker finds them first).
    static var interposers: (dsyrk: UnsafeMutableRawPointer, dgemm: UnsafeMutableRawPointer) {
        (unsafeBitCast(mixedModelsDsyrk as Dsyrk, to: UnsafeMutableRawPointer.self),
         unsafeBitCast(mixedModelsDgemm as Dgemm, to: UnsafeMutableRawPointer.self))
    }

    /// One product and where it goes (`b` is `a` for the lower triangle of A Aᵀ).
    struct Update {
        var a: UnsafePointer<Double>
        var lda: Int32
        var b: UnsafePointer<Double>
        var ldb: Int32
        var c: UnsafeMutablePointer<Double>
        var ldc: Int32
        var rows: Int
        var columns: Int
        var depth: Int
        var alpha: Double
        var beta: Double
        var transposedB: Bool
        var lowerTriangle: Bool
    }

    /// Runs the column parts of `update`, the caller and the helper each taking the next part not yet started (the
    /// parts run a C function on a context on this stack: no closure context to allocate).
    static func share(_ update: inout Update) {
        withUnsafeMutablePointer(to: &update) { update in
            PartHelper.shared.run(parts: chunks, context: update) { update, part in
                TwoCoreUpdates.columns(update.assumingMemoryBound(to: Update.self).pointee, part: part)
            }
        }
    }

    /// Part `part` of C's columns: of equal area in the lower triangle, of equal width otherwise.
    static func columns(_ u: Update, part: Int) {
        let first = cut(part, u), after = cut(part + 1, u)
        guard after > first else { return }
        let ldc = Int(u.ldc)
        // Column j of op(B) is row j of B when transposed, column j otherwise.
        let bColumns = u.transposedB ? u.b + first : u.b + first * Int(u.ldb)
        let transB = u.transposedB ? CblasTrans : CblasNoTrans
        if u.lowerTriangle {
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(after - first), Int32(u.depth), u.alpha,
                        u.a + first, u.lda, u.beta, u.c + first + first * ldc, u.ldc)
            guard after < u.rows else { return }
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(u.rows - after), Int32(after - first),
                        Int32(u.depth), u.alpha, u.a + after, u.lda, bColumns, u.ldb, u.beta,
                        u.c + after + first * ldc, u.ldc)
        } else {
            cblas_dgemm(CblasColMajor, CblasNoTrans, transB, Int32(u.rows), Int32(after - first), Int32(u.depth),
                        u.alpha, u.a, u.lda, bColumns, u.ldb, u.beta, u.c + first * ldc, u.ldc)
        }
    }

    /// The k-th cut of C's columns, on a multiple of 8: the lower triangle's where 1 − (1 − c/n)² = k/chunks.
    private static func cut(_ k: Int, _ u: Update) -> Int {
        if k == chunks { return u.columns }
        let share = Double(k) / Double(chunks)
        let fraction = u.lowerTriangle ? 1 - (1 - share).squareRoot() : share
        return Int(Double(u.columns) * fraction) / 8 * 8
    }

    /// Whether the column parts reproduce OpenBLAS bit for bit (checked once, on uneven shapes, with β 0 and 1; see
    /// `perform`).
    static let isExact: Bool = {
        guard let dsyrk = openBLASDsyrk, let dgemm = openBLASDgemm else { return false }
        var stream: UInt64 = 0x2545_F491_4F6C_DD1D
        func random(_ count: Int) -> [Double] {
            (0..<count).map { _ in
                stream = stream &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Double(stream >> 11) / Double(1 << 53) - 0.5
            }
        }
        _ = singleThreadedBLAS
        for (rows, width, depth, beta) in [(301, 301, 67, 0.0), (557, 203, 61, 1.0)] {
            let a = random(rows * depth), b = random(width * depth), c0 = random(rows * width)
            for lower in [true, false] where !lower || rows == width {
                var expected = c0, actual = c0
                var m = Int32(rows), n = Int32(width), k = Int32(depth), alpha = -1.0, betaValue = beta
                var lda = Int32(rows), ldb = Int32(width), ldc = Int32(rows)
                var l = CChar(UInt8(ascii: "L")), no = CChar(UInt8(ascii: "N")), t = CChar(UInt8(ascii: "T"))
                if lower {
                    dsyrk(&l, &no, &n, &k, &alpha, a, &lda, &betaValue, &expected, &ldc)
                } else {
                    dgemm(&no, &t, &m, &n, &k, &alpha, a, &lda, b, &ldb, &betaValue, &expected, &ldc)
                }
                a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                actual.withUnsafeMutableBufferPointer { c in
                    let u = Update(a: a.baseAddress!, lda: lda, b: lower ? a.baseAddress! : b.baseAddress!,
                                   ldb: lower ? lda : ldb, c: c.baseAddress!, ldc: ldc, rows: rows, columns: width,
                                   depth: depth, alpha: alpha, beta: beta, transposedB: true, lowerTriangle: lower)
                    for part in 0..<chunks { columns(u, part: part) }
                }}}
                for j in 0..<width where expected[(j * rows + (lower ? j : 0))..<(j * rows + rows)]
                    != actual[(j * rows + (lower ? j : 0))..<(j * rows + rows)] { return false }
            }
        }
        return true
    }()
}
