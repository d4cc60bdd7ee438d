import CBLAS
import Foundation
import Testing
@testable import MixedModels

/// The two-core rebuild of OpenBLAS's dpotrf that CHOLMOD's large supernodes go through: bit for bit what OpenBLAS
/// computes, on one core or two, and in place of `dpotrf_` for the whole process.
@Suite struct TwoCoreCholeskyTests {
    /// A random symmetric positive definite matrix of order n (a Gram matrix of 30 columns plus I).
    static func matrix(_ n: Int, seed: UInt64) -> [Double] {
        var random = SparseCholeskyTests.Stream(state: seed)
        let g = (0..<(n * 30)).map { _ in random.uniform() - 0.5 }
        var a = [Double](repeating: 0, count: n * n)
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(n), 30, 1, g, Int32(n), 0, &a, Int32(n))
        for k in 0..<n { a[k + k * n] += 1 }
        return a
    }

    static func lowerEqual(_ a: [Double], _ b: [Double], n: Int) -> Bool {
        (0..<n).allSatisfy { j in a[(j * n + j)..<(j * n + n)].elementsEqual(b[(j * n + j)..<(j * n + n)]) }
    }

    /// The same bits on one core and two; OpenBLAS's where the one-time check found them so (the earlier machines'
    /// kernels, not Cooper Lake's). `dpotrf_`, called as CHOLMOD calls it, gives the parts' bits, which are
    /// OpenBLAS's where they are exact.
    @Test func reproducesOpenBLASOnOneAndTwoCores() throws {
        let openBLAS = try #require(TwoCoreCholesky.openBLAS)
        let lapack = try #require(dlsym(nil, "dpotrf_").map { unsafeBitCast($0, to: TwoCoreCholesky.Potrf.self) })
        for (n, seed) in [(256, 1), (333, 2), (650, 3), (1024, 4)] as [(Int, UInt64)] {
            var reference = Self.matrix(n, seed: seed)
            var lower = CChar(UInt8(ascii: "L")), order = Int32(n), ld = Int32(n), info: Int32 = 0
            openBLAS(&lower, &order, &reference, &ld, &info)
            #expect(info == 0)
            var one = Self.matrix(n, seed: seed), two = one
            #expect(TwoCoreCholesky.factor(&one, n: n, ld: n, cores: 1) == 0)
            #expect(TwoCoreCholesky.factor(&two, n: n, ld: n, cores: 2) == 0)
            #expect(Self.lowerEqual(one, two, n: n), "order \(n)")
            if TwoCoreCholesky.isExact { #expect(Self.lowerEqual(one, reference, n: n), "order \(n)") }
            var a = Self.matrix(n, seed: seed)
            TwoCoreCholesky.enabled { lapack(&lower, &order, &a, &ld, &info) }
            #expect(info == 0 && Self.lowerEqual(a, one, n: n), "order \(n) through dpotrf_")
        }
    }

    @Test func reportsTheFirstNonPositivePivotAsLAPACKDoes() throws {
        let openBLAS = try #require(TwoCoreCholesky.openBLAS)
        let n = 400
        var a = Self.matrix(n, seed: 9)
        a[300 + 300 * n] = -1e6
        var reference = a
        var lower = CChar(UInt8(ascii: "L")), order = Int32(n), ld = Int32(n), info: Int32 = 0
        openBLAS(&lower, &order, &reference, &ld, &info)
        #expect(info == 301)
        #expect(TwoCoreCholesky.factor(&a, n: n, ld: n, cores: 2) == info)
    }

    @Test func takesThePlaceOfLAPACKsSymbol() {
        // CHOLMOD finds dpotrf_ through the dynamic linker: the process's first definition must be this one.
        let found = dlsym(nil, "dpotrf_")
        let ours = TwoCoreCholesky.interposer
        #expect(found == ours)
        #expect(TwoCoreCholesky.openBLAS.map { unsafeBitCast($0, to: UnsafeMutableRawPointer.self) } != ours)
    }

    /// Parts shared with the helper thread: each runs exactly once per call, with a core free or held.
    @Test func sharedPartsRunOnce() {
        let parts = 5
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: parts)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: parts)
        for round in 0..<200 {
            let held = round % 2 == 0 ? 0 : SpareCores.reserve(Int.max)
            SpareCores.share(parts: parts, context: counts) { context, part in
                context.assumingMemoryBound(to: Int.self)[part] += 1
            }
            SpareCores.release(held)
        }
        #expect((0..<parts).allSatisfy { counts[$0] == 200 })
    }

    /// A sparse fit whose root supernode is large: the objective must not depend on whether a core was free.
    @Test func sparseFactorIsTheSameWithAndWithoutASpareCore() {
        let frame = SparseCholeskyTests.design(users: 1500, items: 700, perUser: 12, seed: 21)
        let free = SparseCholeskyTests.system(frame, .sparse)
        let held = SparseCholeskyTests.system(frame, .sparse)
        SparseCholeskyTests.expectSameWithAndWithoutASpareCore(free, held, thetas: [[1.0, 1.0], [0.45, 1.3]])
    }
}
