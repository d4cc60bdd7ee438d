import CBLAS

/// BLAS threads only cost on this model's small blocks (see the native-libraries notes): use one.
enum GLMMThreads {
    private static let once: Void = { openblas_set_num_threads(1) }()
    static func useSingleBLASThread() { once }
}

/// A generalized linear mixed model: a response from a Bernoulli, binomial or Poisson family whose mean, through
/// a link, is linear in fixed effects β and spherical random effects u (b = Λθ u), fit by maximum likelihood
/// with the Laplace approximation or adaptive Gauss–Hermite quadrature. The analogue of MixedModels.jl's
/// `GeneralizedLinearMixedModel`.
public final class GeneralizedLinearMixedModel {
    public let family: Family
    public let link: Link
    /// The formula as Julia prints it: `r2 ~ 1 + anger + (1 | subj)`.
    public let formulaDescription: String
    /// The model frame (response, X, random-effects terms) the model was built from.
    public let modelFrame: ModelFrame
    /// Prior weights as given (empty when none were given).
    public let priorWeights: [Double]
    /// Offsets as given (empty when none were given).
    public let offsets: [Double]

    var response: GLMResponse
    var terms: [PIRLSTerm]
    var system: PIRLSSystem
    /// Columns of X used in the fit (the full-rank, pivoted columns), column-major n × rank.
    let fullRankX: [Double]
    /// β on the full-rank columns, in pivoted order.
    var fullRankBeta: [Double]
    var previousBeta: [Double]
    /// The working weights and response L was last factored at, kept by `updateEta()` (which moves them without
    /// refactoring, as MixedModels.jl's `updateη!` leaves `m.LMM` alone) with the log-determinant that identifies
    /// that factorization.
    var factoredWorkingState: (weights: [Double], response: [Double], logDet: Double)?
    /// Xβ + offset for the current β.
    var fixedPredictor: [Double]
    /// Stacked spherical random effects, term by term, each vsize × levels column-major.
    var sphericalEffects: [Double]
    var previousSphericalEffects: [Double]
    /// Scratch of a PIRLS step: the right-hand sides ΛᵀZᵀWr and XᵀWr, solved in place.
    var randomEffectsRightHandSide: [Double]
    var fixedEffectsRightHandSide: [Double]
    /// Scratch of PIRLS's Krylov Newton steps (large models, see `usesKrylovSteps`).
    var krylov = KrylovWorkspace()
    /// Scratch of the modes' conversions to level scores (`recordModes`, `predictModes`).
    var modeScratch: [Double] = []
    /// When PIRLS solves its Newton steps by conjugate gradients (tests compare both paths on small models).
    var krylovPolicy = KrylovSteps.Policy.automatic
    /// Scratch of adaptive Gauss–Hermite quadrature, one entry per level of the single term.
    var quadratureWorkspace = QuadratureWorkspace()
    /// β from the GLM of the fixed effects alone: the starting values of every fit.
    var startingBeta: [Double]
    /// (L_XX L_XXᵀ)⁻¹ at the state of the last fit or `updatingDeviance` (rank × rank, column-major).
    var fixedEffectsCovariance: [Double] = []
    /// Factorizations of the penalized system by PIRLS so far (its cost is one pass over the observations each).
    public internal(set) var factorizationCount = 0
    /// Newton steps PIRLS solved by conjugate gradients, and their iterations (products with H), so far.
    public internal(set) var krylovStepCount = 0
    public internal(set) var krylovIterationCount = 0
    /// Summary of the last fit.
    public internal(set) var optimizationSummary = GLMMOptimizationSummary()

    /// Builds the model from a model frame; `family` `.binomial` without weights becomes `.bernoulli`.
    /// - Parameters:
    ///   - weights: prior weights (binomial: numbers of trials), one per observation of the frame.
    ///   - offset: offsets added to the linear predictor, one per observation.
    public init(modelFrame frame: ModelFrame, formula: String, family requestedFamily: Family, link: Link? = nil,
                weights: [Double]? = nil, offset: [Double]? = nil) throws {
        let n = frame.observationCount
        let family: Family = (requestedFamily == .binomial && (weights?.isEmpty ?? true)) ? .bernoulli : requestedFamily
        let link = link ?? family.canonicalLink
        guard family.admits(link) else { throw GLMMError.invalidLink(family: family, link: link) }
        let w = try Self.validatedWeights(weights, count: n)
        let o = try Self.validatedOffset(offset, count: n)
        try family.validate(response: frame.y, weights: w ?? [Double](repeating: 1, count: n))
        guard frame.x.count == n * frame.fixedEffectCount else {
            throw GLMMError.invalidArgument("the fixed-effects matrix has \(frame.x.count) entries, expected n × p = \(n * frame.fixedEffectCount)")
        }
        guard !frame.randomEffectsTerms.isEmpty else {
            throw GLMMError.invalidArgument("a mixed model needs at least one random-effects term such as (1 | g)")
        }
        self.family = family
        self.link = link
        self.formulaDescription = formula
        self.modelFrame = frame
        self.priorWeights = w ?? []
        self.offsets = o ?? []

        GLMMThreads.useSingleBLASThread()
        let rank = frame.rank
        let columns = frame.pivot.prefix(rank)
        // Full rank in the original order (the usual case): X itself, shared.
        var xColumns = frame.x
        if rank < frame.fixedEffectCount || !columns.elementsEqual(0..<rank) {
            xColumns = []
            xColumns.reserveCapacity(n * rank)
            for j in columns { xColumns.append(contentsOf: frame.x[(j * n)..<((j + 1) * n)]) }
        }
        fullRankX = xColumns

        var stacked: [PIRLSTerm] = []
        var position = 0
        for term in frame.randomEffectsTerms {
            guard term.refs.count == n, term.z.count == n * term.vsize else {
                throw GLMMError.invalidArgument("random-effects term for \(term.groupingName) does not match the data length")
            }
            stacked.append(PIRLSTerm(term: term, offset: position))
            position += term.randomEffectCount
        }
        terms = stacked
        system = PIRLSSystem(terms: stacked, xColumns: xColumns, n: n, p: rank)
        response = GLMResponse(family: family, link: link, y: frame.y,
                               priorWeights: w ?? [Double](repeating: 1, count: n),
                               offset: o ?? [Double](repeating: 0, count: n))
        let beta = try GLMFit.fit(x: xColumns, columns: rank, rows: system.paddedRows, response: &response)
        startingBeta = beta
        fullRankBeta = beta
        previousBeta = beta
        fixedPredictor = GLMFit.linearPredictor(x: xColumns, columns: rank, beta: beta, offset: response.offset)
        sphericalEffects = [Double](repeating: 0, count: position)
        previousSphericalEffects = sphericalEffects
        randomEffectsRightHandSide = sphericalEffects
        fixedEffectsRightHandSide = beta
        _ = try updatingDeviance()
    }

    private static func validatedWeights(_ weights: [Double]?, count n: Int) throws -> [Double]? {
        guard let weights, !weights.isEmpty else { return nil }
        guard weights.count == n else {
            throw GLMMError.invalidWeights("\(weights.count) weights given for \(n) observations")
        }
        if let i = weights.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
            throw GLMMError.invalidWeights("weights must be finite and non-negative; row \(i + 1) has \(weights[i])")
        }
        return weights
    }

    private static func validatedOffset(_ offset: [Double]?, count n: Int) throws -> [Double]? {
        guard let offset, !offset.isEmpty else { return nil }
        guard offset.count == n else {
            throw GLMMError.invalidOffset("\(offset.count) offsets given for \(n) observations")
        }
        if let i = offset.firstIndex(where: { !$0.isFinite }) {
            throw GLMMError.invalidOffset("offsets must be finite; row \(i + 1) has \(offset[i])")
        }
        return offset
    }

    /// Number of observations.
    public var observationCount: Int { response.count }
    /// Number of fixed-effects parameters estimated (the rank of X).
    public var rank: Int { system.p }

    /// θ: the covariance parameters, term by term.
    public var theta: [Double] { terms.flatMap(\.theta) }
    /// Lower bounds on θ (0 for λ's diagonal entries).
    public var thetaLowerBounds: [Double] { terms.flatMap(\.lowerBounds) }

    /// Installs θ (recomputing ZΛ) without refitting.
    func setTheta<C: RandomAccessCollection>(_ theta: C) where C.Element == Double, C.Index == Int {
        var start = theta.startIndex
        for t in terms.indices {
            let k = terms[t].parameterCount
            terms[t].setTheta(theta[start..<(start + k)])
            start += k
        }
    }

    /// Installs β (full-rank, pivoted order) without refitting.
    func setBeta<C: Collection>(_ beta: C) where C.Element == Double {
        precondition(beta.count == fullRankBeta.count, "β needs one value per full-rank column of X")
        for (j, value) in zip(fullRankBeta.indices, beta) { fullRankBeta[j] = value }
        updateFixedPredictor()
    }

    /// Xβ + offset for the current β, in place.
    func updateFixedPredictor() {
        GLMFit.linearPredictor(into: &fixedPredictor, x: fullRankX, columns: rank, beta: fullRankBeta,
                               offset: response.offset)
    }
}

/// What the last fit did: the analogue of MixedModels.jl's `OptSummary` for a GLMM.
public struct GLMMOptimizationSummary: Equatable, Sendable {
    /// Whether the model has been fit.
    public var isFitted = false
    /// Whether the fit was `fast` (θ only, β from PIRLS).
    public var fast = false
    /// Quadrature points used in the objective (1: Laplace).
    public var nAGQ = 1
    public var initial: [Double] = []
    public var final: [Double] = []
    public var initialObjective = Double.nan
    public var minimumObjective = Double.nan
    public var evaluations = 0
    /// The evaluations of the first NLopt run alone (MixedModels.jl's `feval`), without the convergence checks.
    public var optimizerEvaluations = 0
    /// The optimizer's settings, as MixedModels.jl's `OptSummary` shows them.
    public var lowerbd: [Double] = []
    public var ftolRel = 1e-12
    public var ftolAbs = 1e-8
    public var xtolRel = 0.0
    public var xtolAbs: [Double] = []
    /// The step NLopt's BOBYQA takes first from `initial`.
    public var initialStep: [Double] = []
    /// The [β; θ] (or θ) run's optimizer: NLopt's `LN_BOBYQA`, or `newtonOptimizer` where evaluations are
    /// expensive and Newton steps on finite-difference derivatives converged (`GLMMNewtonRun`).
    public var optimizer = "LN_BOBYQA"
    /// `optimizer`'s name for `GLMMNewtonRun` (not an NLopt algorithm).
    public static let newtonOptimizer = "NEWTON"
    /// Whether `optimizer` is an NLopt algorithm.
    public var optimizerIsNLopt: Bool { optimizer != Self.newtonOptimizer }
    /// NLopt's return code, such as `FTOL_REACHED` (`SUCCESS` after converged Newton steps).
    public var returnValue = ""
    /// lme4-style messages of the convergence check (shown with the model) …
    public var warnings: [String] = []
    /// … and notes on the model (a flat direction, a boundary fit), recorded here only.
    public var notes: [String] = []
    public init() {}
}
