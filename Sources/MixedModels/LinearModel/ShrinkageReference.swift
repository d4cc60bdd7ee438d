extension LinearMixedModel {
    /// The conditional modes at θ multiplied by `factor`: with a large factor the penalty all but vanishes and the
    /// modes approach the per-group least-squares estimates, the reference of a shrinkage plot. The fitted state is
    /// reinstalled before returning.
    public func ranef(thetaScaledBy factor: Double) throws -> [ColumnMajorMatrix] {
        let fitted = currentTheta
        try install(theta: fitted.map { $0 * factor })
        let modes = ranef()
        try install(theta: fitted)
        return modes
    }
}
