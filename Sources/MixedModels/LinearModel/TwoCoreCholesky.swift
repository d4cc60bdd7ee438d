import CBLAS
import Foundation

/// LAPACK's `dpotrf_` for this process, so that CHOLMOD's largest supernode (the nearly dense root of insteval's
/// instructor block, about 650 columns and 90% of the factorization's flops) is factored on two cores.
///
/// CHOLMOD factors each supernode's diagonal block through the symbol `dpotrf_`, which the dynamic linker resolves
/// to this definition before OpenBLAS's. Every call is passed to OpenBLAS unchanged except on a thread inside
/// `TwoCoreCholesky.enabled` (a sparse factorization), for a lower triangle of order `orders`: while a core is spare,
/// that one is computed as OpenBLAS's single-threaded dpotrf computes it (see `TwoCoreCholesky.factor`) on two cores.
/// Without a spare core it goes to OpenBLAS where that gives the same bits (`TwoCoreCholesky.isExact`), and is
/// computed in the same parts on this core where it does not: the result never depends on a spare core.
@_cdecl("dpotrf_")
public func mixedModelsDpotrf(_ uplo: UnsafePointer<CChar>, _ n: UnsafePointer<Int32>,
                              _ a: UnsafeMutablePointer<Double>, _ lda: UnsafePointer<Int32>,
                              _ info: UnsafeMutablePointer<Int32>) {
    guard let openBLAS = TwoCoreCholesky.openBLAS else {
        preconditionFailure("dpotrf_: no LAPACK library follows MixedModels in the process")
    }
    let order = Int(n.pointee)
    guard TwoCoreCholesky.orders.contains(order), uplo.pointee == CChar(UInt8(ascii: "L")),
          pthread_getspecific(TwoCoreCholesky.key) != nil else {
        return openBLAS(uplo, n, a, lda, info)
    }
    let shared = SpareCores.reserve(1) == 1
    defer { if shared { SpareCores.release(1) } }
    guard shared || !TwoCoreCholesky.isExact else { return openBLAS(uplo, n, a, lda, info) }
    info.pointee = TwoCoreCholesky.factor(a, n: order, ld: Int(lda.pointee), cores: shared ? 2 : 1)
}

/// OpenBLAS's single-threaded lower Cholesky factorization (`dpotrf_L_single`) rebuilt from its parts, with the
/// work after each diagonal block split between two cores.
///
/// For an order n ≤ 1024 OpenBLAS factors diagonal blocks of n/4 columns, each by its own dpotrf; the rows below
/// a block are divided by it (dtrsm) and the trailing matrix is downdated by them (dsyrk). Each entry's arithmetic
/// does not depend on how those rows and columns are cut into calls, as long as the cuts fall on multiples of
/// 8 (OpenBLAS's register tiles): the rows are cut in four for dtrsm, the trailing columns in four of equal work
/// for dsyrk and dgemm, and the two cores take the parts in turn. A one-time check against OpenBLAS on random
/// matrices finds where this is not so (Skylake-X and Cooper Lake, where OpenBLAS multiplies small products by
/// other kernels): there the parts are still the same whichever core computes them, but not OpenBLAS's bits.
enum TwoCoreCholesky {
    typealias Potrf = @convention(c) (UnsafePointer<CChar>, UnsafePointer<Int32>, UnsafeMutablePointer<Double>,
                                      UnsafePointer<Int32>, UnsafeMutablePointer<Int32>) -> Void

    /// Orders factored here: below them the work after a diagonal block is too small to share; above them
    /// OpenBLAS blocks by its GEMM_Q, not checked here.
    static let orders = 256...1024

    /// The `dpotrf_` after this one in the symbol search order (OpenBLAS's).
    static let openBLAS: Potrf? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: -1), "dpotrf_") else { return nil }
        return unsafeBitCast(symbol, to: Potrf.self)
    }()

    /// This module's `dpotrf_` (to check that the dynamic linker finds it first).
    static var interposer: UnsafeMutableRawPointer {
        unsafeBitCast(mixedModelsDpotrf as Potrf, to: UnsafeMutableRawPointer.self)
    }

    /// Marks the calling thread's calls as eligible (a thread-specific flag, so concurrent fits do not interfere).
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Factorizations done here (for tests: whether the two-core path ran).
    nonisolated(unsafe) static var count = 0

    /// Runs `body` with the calling thread's `dpotrf_` calls eligible for the two-core path.
    static func enabled<T>(_ body: () -> T) -> T {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(key, nil) }
        return body()
    }

    /// Whether `factor` reproduces OpenBLAS's dpotrf bit for bit (checked once, on orders with uneven blocks).
    static let isExact: Bool = {
        guard let openBLAS else { return false }
        for n in [301, 650] {
            var stream: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(n)
            let width = 24
            let g = (0..<(n * width)).map { _ -> Double in
                stream = stream &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Double(stream >> 11) / Double(1 << 53) - 0.5
            }
            var a = [Double](repeating: 0, count: n * n)
            _ = singleThreadedBLAS
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(n), Int32(width), 1, g, Int32(n), 0, &a,
                        Int32(n))
            for k in 0..<n { a[k + k * n] += 1 }
            var b = a
            var lower = CChar(UInt8(ascii: "L")), order = Int32(n), ld = Int32(n), info: Int32 = 0
            openBLAS(&lower, &order, &a, &ld, &info)
            guard info == 0, factor(&b, n: n, ld: n, cores: 1) == 0 else { return false }
            for j in 0..<n where a[(j * n + j)..<(j * n + n)] != b[(j * n + j)..<(j * n + n)] { return false }
        }
        return true
    }()

    /// The lower Cholesky factor of the `n × n` matrix at `a` (leading dimension `ld`) in place; LAPACK's info.
    /// With `cores` 2 the parts of each step are shared with `PartHelper` (the caller holds the spare core).
    static func factor(_ a: UnsafeMutablePointer<Double>, n: Int, ld: Int, cores: Int) -> Int32 {
        guard let openBLAS else { return -1 }
        _ = singleThreadedBLAS
        if cores == 2 { count += 1 }
        let blocking = max(1, n / 4)
        let lda = Int32(ld)
        var i = 0
        while i < n {
            let bk = min(blocking, n - i)
            let diagonal = a + i + i * ld
            var lower = CChar(UInt8(ascii: "L")), order = Int32(bk), ldCopy = lda, info: Int32 = 0
            openBLAS(&lower, &order, diagonal, &ldCopy, &info)
            if info != 0 { return info + Int32(i) }
            let rest = n - i - bk
            if rest > 0 {
                // A thin last step is not worth waking the helper.
                let shared = cores == 2 && rest >= 64
                var step = Step(diagonal: diagonal, below: diagonal + bk, trailing: diagonal + bk + bk * ld,
                                lda: lda, bk: bk, rest: rest)
                // The parts run C functions on a context on this stack: no closure context to allocate.
                withUnsafeMutablePointer(to: &step) { step in
                    inParts(shared, step) { step, part in
                        TwoCoreCholesky.divideRows(step.assumingMemoryBound(to: Step.self).pointee, part: part)
                    }
                    inParts(shared, step) { step, part in
                        TwoCoreCholesky.downdateColumns(step.assumingMemoryBound(to: Step.self).pointee, part: part)
                    }
                }
            }
            i += bk
        }
        return 0
    }

    /// Each step's work is cut into `chunks` parts, taken by whichever thread is free next: a helper delayed by the
    /// machine's load holds up at most the part it has started.
    static let chunks = 4

    /// One step after a diagonal block: the block, the rows below it and the trailing matrix.
    struct Step {
        var diagonal: UnsafeMutablePointer<Double>
        var below: UnsafeMutablePointer<Double>
        var trailing: UnsafeMutablePointer<Double>
        var lda: Int32
        var bk: Int
        var rest: Int
    }

    private static func inParts(_ shared: Bool, _ step: UnsafeMutablePointer<Step>, _ work: PartHelper.Work) {
        if shared {
            PartHelper.shared.run(parts: chunks, context: step, work: work)
        } else {
            for part in 0..<chunks { work(step, part) }
        }
    }

    /// Part `part` of the rows below the diagonal block divided by it (dtrsm).
    static func divideRows(_ s: Step, part: Int) {
        let rows = rowCut(part, s.rest)..<rowCut(part + 1, s.rest)
        guard !rows.isEmpty else { return }
        cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, Int32(rows.count), Int32(s.bk), 1,
                    s.diagonal, s.lda, s.below + rows.lowerBound, s.lda)
    }

    /// Part `part` of the trailing lower triangle's columns downdated by the rows below (dsyrk, dgemm).
    static func downdateColumns(_ s: Step, part: Int) {
        let columns = columnCut(part, s.rest)..<columnCut(part + 1, s.rest)
        guard !columns.isEmpty else { return }
        let first = columns.lowerBound
        let after = columns.upperBound
        let ld = Int(s.lda)
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(columns.count), Int32(s.bk), -1, s.below + first,
                    s.lda, 1, s.trailing + first + first * ld, s.lda)
        guard after < s.rest else { return }
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(s.rest - after), Int32(columns.count), Int32(s.bk),
                    -1, s.below + after, s.lda, s.below + first, s.lda, 1, s.trailing + after + first * ld, s.lda)
    }

    /// The rows below a diagonal block: equal numbers of rows, cut on multiples of 8.
    private static func rowCut(_ k: Int, _ rest: Int) -> Int { k == chunks ? rest : rest * k / chunks / 8 * 8 }

    /// The trailing lower triangle: column ranges of equal area, the k-th cut where 1 − (1 − c/rest)² = k/chunks,
    /// on a multiple of 8.
    private static func columnCut(_ k: Int, _ rest: Int) -> Int {
        k == chunks ? rest : Int(Double(rest) * (1 - (1 - Double(k) / Double(chunks)).squareRoot())) / 8 * 8
    }
}
