/// MixedModels.jl 4.x's `OptSummary` text display and `BlockDescription` display.
public enum OptSummaryDisplay {
    /// The fields `show(io, ::OptSummary)` prints, with MixedModels.jl's names in the doc comments.
    public struct Fields: Sendable {
        public var initial: [Double]
        public var finitial: Double
        /// `optimizer`, as NLopt names the algorithm (`LN_BOBYQA`), or the engine's own method.
        public var optimizer: String
        /// Whether `optimizer` is an NLopt algorithm (labelled "from NLopt").
        public var fromNLopt = true
        public var lowerbd: [Double]
        public var ftolRel: Double
        public var ftolAbs: Double
        public var xtolRel: Double
        public var xtolAbs: [Double]
        public var initialStep: [Double]
        public var maxfeval: Int
        public var maxtime: Double
        public var feval: Int
        public var final: [Double]
        public var fmin: Double
        public var returnvalue: String

        public init(initial: [Double], finitial: Double, optimizer: String, lowerbd: [Double], ftolRel: Double,
                    ftolAbs: Double, xtolRel: Double, xtolAbs: [Double], initialStep: [Double], maxfeval: Int,
                    maxtime: Double, feval: Int, final: [Double], fmin: Double, returnvalue: String) {
            self.initial = initial
            self.finitial = finitial
            self.optimizer = optimizer
            self.lowerbd = lowerbd
            self.ftolRel = ftolRel
            self.ftolAbs = ftolAbs
            self.xtolRel = xtolRel
            self.xtolAbs = xtolAbs
            self.initialStep = initialStep
            self.maxfeval = maxfeval
            self.maxtime = maxtime
            self.feval = feval
            self.final = final
            self.fmin = fmin
            self.returnvalue = returnvalue
        }
    }

    /// `show(io, MIME("text/plain"), optsum)`: labelled lines in three groups. No trailing newline.
    public static func text(_ s: Fields) -> String {
        let lines = [
            "Initial parameter vector: " + vector(s.initial),
            "Initial objective value:  " + JuliaFloatFormat.shortest(s.finitial),
            "",
            (s.fromNLopt ? "Optimizer (from NLopt):   " : "Optimizer:                ") + s.optimizer,
            "Lower bounds:             " + vector(s.lowerbd),
            "ftol_rel:                 " + JuliaFloatFormat.shortest(s.ftolRel),
            "ftol_abs:                 " + JuliaFloatFormat.shortest(s.ftolAbs),
            "xtol_rel:                 " + JuliaFloatFormat.shortest(s.xtolRel),
            "xtol_abs:                 " + vector(s.xtolAbs),
            "initial_step:             " + vector(s.initialStep),
            "maxfeval:                 " + String(s.maxfeval),
            "maxtime:                  " + JuliaFloatFormat.shortest(s.maxtime),
            "",
            "Function evaluations:     " + String(s.feval),
            "Final parameter vector:   " + vector(s.final),
            "Final objective value:    " + JuliaFloatFormat.shortest(s.fmin),
            "Return code:              " + s.returnvalue,
        ]
        return lines.joined(separator: "\n")
    }

    /// `string(v)` of a `Vector{Float64}`: `[1.0, 0.0, 1.0]`, `Float64[]` when empty.
    public static func vector(_ v: [Double]) -> String {
        v.isEmpty ? "Float64[]" : "[" + v.map(JuliaFloatFormat.shortest).joined(separator: ", ") + "]"
    }

    /// `show(io, MIME("text/plain"), BlockDescription(m))`: `rows:` and the block names centred in columns at
    /// least 14 wide, then per block row its size and the types of the blocks up to the diagonal. No trailing
    /// newline.
    public static func blockDescription(names: [String], rows: [Int], types: [[String]]) -> String {
        let rowWidth = max((rows.map { String($0).count }.max() ?? 0) + 1, 5)
        let columnWidth = max((names.map { $0.unicodeScalars.count }.max() ?? 0) + 1, 14)
        var lines = [VarianceComponentsDisplay.padRight("rows:", rowWidth)
                     + names.map { VarianceComponentsDisplay.centered($0, columnWidth) }.joined()]
        for (i, r) in rows.enumerated() {
            lines.append(VarianceComponentsDisplay.padLeft("\(r):", rowWidth)
                         + (0...i).map { VarianceComponentsDisplay.centered(types[i][$0], columnWidth) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
