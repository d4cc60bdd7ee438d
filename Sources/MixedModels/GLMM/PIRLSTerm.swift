/// One random-effects term as the GLMM's penalized least-squares system uses it: the model columns Z
/// (observation-major), the relative covariance factor λ, and ZΛ, the columns scaled by λ.
struct PIRLSTerm {
    let vsize: Int
    let levelCount: Int
    let refs: [Int32]
    /// `z[a + i * vsize]`: column a of observation i.
    let z: [Double]
    /// Positions of θ's entries in λ (column-major vsize × vsize).
    let lambdaIndices: [Int]
    /// Lower-triangular λ, column-major vsize × vsize.
    private(set) var lambda: [Double]
    /// `scaledZ[a + i * vsize]` = (λᵀ zᵢ)[a]: the row of ZΛ for observation i, so that ηᵢ gains Σₐ scaledZ·u.
    /// Held in stable storage so the inner loops can run on raw pointers without reference counting.
    let scaledZ: StableBuffer<Double>
    /// `refs` in stable storage.
    let levelIndex: StableBuffer<Int32>
    /// Position of this term's first random effect in the stacked vector u.
    let offset: Int

    init(term: RandomEffectsTerm, offset: Int) {
        vsize = term.vsize
        levelCount = term.levelCount
        refs = term.refs
        z = term.z
        lambdaIndices = term.lambdaIndices
        lambda = [Double](repeating: 0, count: term.vsize * term.vsize)
        scaledZ = StableBuffer(term.z)
        levelIndex = StableBuffer(term.refs)
        self.offset = offset
        for k in 0..<vsize { lambda[k * (vsize + 1)] = 1 }
    }

    var randomEffectCount: Int { vsize * levelCount }
    var parameterCount: Int { lambdaIndices.count }

    /// θ's lower bounds: 0 on λ's diagonal, −∞ below it.
    var lowerBounds: [Double] {
        lambdaIndices.map { $0 % (vsize + 1) == 0 ? 0 : -.infinity }
    }

    /// The current θ entries of λ.
    var theta: [Double] { lambdaIndices.map { lambda[$0] } }

    /// Installs θ and recomputes ZΛ.
    mutating func setTheta<C: Collection>(_ theta: C) where C.Element == Double {
        for (k, value) in zip(lambdaIndices, theta) { lambda[k] = value }
        let v = vsize
        let scaled = scaledZ.pointer
        if v == 1 {
            let l = lambda[0]
            for i in 0..<z.count { scaled[i] = z[i] * l }
            return
        }
        let n = refs.count
        for i in 0..<n {
            for a in 0..<v {
                var s = 0.0
                for r in a..<v { s += lambda[r + a * v] * z[r + i * v] }
                scaled[a + i * v] = s
            }
        }
    }

    /// b = λ u for each level: the random effects on the original scale (vsize × levels, column-major).
    func scaleByLambda(_ u: ArraySlice<Double>) -> [Double] {
        let v = vsize
        var b = [Double](repeating: 0, count: randomEffectCount)
        let base = u.startIndex
        for j in 0..<levelCount {
            for r in 0..<v {
                var s = 0.0
                for a in 0...r { s += lambda[r + a * v] * u[base + a + j * v] }
                b[r + j * v] = s
            }
        }
        return b
    }
}

/// A fixed-size buffer whose address never changes, freed with its owner.
final class StableBuffer<Element> {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(_ values: [Element]) {
        count = values.count
        pointer = UnsafeMutablePointer<Element>.allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.initialize(from: base, count: values.count) }
        }
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}
