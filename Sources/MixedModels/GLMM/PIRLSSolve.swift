import CBLAS

extension PIRLSSystem {
    /// c ← L_ZZ⁻¹ c for a vector of length q.
    func forwardSolveRandomEffects(_ c: inout [Double]) {
        let v1 = self.v1, q1 = self.q1, q2 = self.q2
        let levels = v1 == 0 ? 0 : q1 / v1
        c.withUnsafeMutableBufferPointer { c in
            l11.withUnsafeBufferPointer { l11 in
                for j in 0..<levels {
                    solveLower(l11.baseAddress! + j * v1 * v1, n: v1, ld: v1, c.baseAddress! + j * v1)
                }
            }
            guard q2 > 0 else { return }
            let c2 = c.baseAddress! + q1
            l21.withUnsafeBufferPointer { l21 in
                if let values = l21.baseAddress { cross.subtractProduct(values, c.baseAddress!, from: c2) }
            }
            cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(q2), l22, Int32(q2), c2, 1)
        }
    }

    /// c ← L_ZZ⁻ᵀ c for a vector of length q.
    func backSolveRandomEffects(_ c: inout [Double]) {
        let v1 = self.v1, q1 = self.q1, q2 = self.q2
        let levels = v1 == 0 ? 0 : q1 / v1
        c.withUnsafeMutableBufferPointer { c in
            if q2 > 0 {
                let c2 = c.baseAddress! + q1
                cblas_dtrsv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(q2), l22, Int32(q2), c2, 1)
                l21.withUnsafeBufferPointer { l21 in
                    if let values = l21.baseAddress { cross.subtractTransposedProduct(values, c2, from: c.baseAddress!) }
                }
            }
            l11.withUnsafeBufferPointer { l11 in
                for j in 0..<levels {
                    solveLowerTransposed(l11.baseAddress! + j * v1 * v1, n: v1, ld: v1, c.baseAddress! + j * v1)
                }
            }
        }
    }

    /// Overwrites the right-hand side ΛᵀZᵀW r with the spherical random effects u = (ΛᵀZᵀWZΛ + I)⁻¹ ΛᵀZᵀW r.
    func solveConditionalModes(_ c: inout [Double]) {
        forwardSolveRandomEffects(&c)
        backSolveRandomEffects(&c)
    }

    /// Overwrites the right-hand sides ΛᵀZᵀWz (`cz`) and XᵀWz (`beta`) with the u and β minimizing the penalized
    /// weighted residual sum of squares jointly. Needs the fixed-effects rows of the factor.
    func solveJointly(randomEffects cz: inout [Double], fixedEffects beta: inout [Double]) {
        precondition(hasFixedEffectRows, "joint solve needs the factor's fixed-effects rows")
        let p = self.p, q = self.q
        forwardSolveRandomEffects(&cz)
        if p > 0 {
            cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(p), Int32(q), -1, lx, Int32(p), cz, 1, 1, &beta, 1)
            cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(p), lxx, Int32(p), &beta, 1)
            cblas_dtrsv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(p), lxx, Int32(p), &beta, 1)
            cblas_dgemv(CblasColMajor, CblasTrans, Int32(p), Int32(q), -1, lx, Int32(p), beta, 1, 1, &cz, 1)
        }
        backSolveRandomEffects(&cz)
    }

    /// (L_XX L_XXᵀ)⁻¹: the unscaled covariance of the fixed-effects estimates, p × p column-major.
    func inverseFixedEffectsCrossProduct() -> [Double] {
        precondition(hasFixedEffectRows, "needs the factor's fixed-effects rows")
        let p = self.p
        var result = [Double](repeating: 0, count: p * p)
        // Columns of L_XX⁻¹, then result = L⁻ᵀ L⁻¹.
        var inverse = [Double](repeating: 0, count: p * p)
        for j in 0..<p { inverse[j * (p + 1)] = 1 }
        cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(p), Int32(p), 1,
                    lxx, Int32(p), &inverse, Int32(p))
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, Int32(p), Int32(p), Int32(p), 1, inverse, Int32(p),
                    inverse, Int32(p), 0, &result, Int32(p))
        return result
    }
}
