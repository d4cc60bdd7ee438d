/// The names a session starts with: functions, modules, types and the hooks the engine bindings install.
///
/// Writing a builtin (`add(name, keywords:) { c in … }`):
/// - call a function value the block passed (a builtin, a block-defined function or a closure) with
///   `c.interpreter.call(f, positional, keywords)`;
/// - in every loop over elements call `c.checkDeadline()` (cheap: it reads the clock every 256th call), so that a
///   block stops at its timeout or when cancelled;
/// - before allocating storage whose size the block chose, call `c.reserve(count, bytes:)` (8 bytes per unboxed
///   number), which fails with Julia's `OutOfMemoryError()` beyond the session's budget;
/// - numeric arrays are stored unboxed: build them with `ArrayBox(doubles:)`, `ArrayBox(ints:shape:)`,
///   `ArrayBox(bools:shape:)`, read them with `box.doubles`/`box.ints`/`box.bools` (nil for other storage) or
///   `box.element(i)`, write with `box.setElement(i, v)`; `box.elements` stays readable for any array;
/// - iterate any collection lazily with `Iteration.forEach(value) { … }` and count it with `Iteration.count(of:)`
///   (ranges are never materialised); throw Julia exceptions with `JuliaException.argumentError(…)`,
///   `.dimensionMismatch(…)`, `.boundsError(…)`, `.keyError(…)`, `.methodError(…)`.
struct BuiltinLibrary {
    var functions: [String: Function] = [:]
    /// Module names usable as qualifiers (`MixedModels.dataset`) and in `using` lines.
    var modules: Set<String> = ["MixedModels", "StatsModels", "DataFrames", "BenchmarkTools", "Statistics", "Base",
                                "StatsBase", "StatsAPI", "GLM", "Distributions", "Arrow", "CSV", "LinearAlgebra",
                                "Random"]
    /// Names of types that are values but not constructors here (`Float64`, `Symbol`, `:` as `Colon`).
    var types: [String: Value] = [:]
    /// `Dict{K,V}` and `Vector{T}`: the constructor specialised to the type parameters.
    var parametricConstructors: [String: ([String]) throws -> Function] = [:]
    /// Names reachable only through a module (`MixedModels.deviance!` is also global).
    var qualifiedOnly: [String: [String: Function]] = [:]
    /// Binary operators on engine objects (`term(:a) + term(:b)`, `y ~ x`); nil when not applicable.
    var objectOperators: [(String, Value, Value) throws -> Value?] = []
    /// Builds the value of `@formula(…)` from its raw text.
    var formulaBuilder: ((String, SourceOffset) throws -> Value)?

    mutating func add(_ f: Function) {
        functions[f.name] = f
    }

    mutating func add(_ name: String, keywords: Set<String> = [], isType: Bool = false,
                      _ body: @escaping (CallContext) throws -> Value) {
        add(Function(name, keywords: keywords, isType: isType, body))
    }

    /// `Module.name`: a module-only member, else any global function.
    func qualified(_ module: String, _ name: String) -> Value? {
        if let f = qualifiedOnly[module]?[name] { return .function(f) }
        if let f = functions[name] { return .function(f) }
        if let t = types[name] { return t }
        return nil
    }

    func members(of module: String) -> [String] {
        Array(functions.keys) + Array(qualifiedOnly[module]?.keys.map { $0 } ?? [])
    }

    func objectOperator(_ op: String, _ l: Value, _ r: Value) throws -> Value? {
        for hook in objectOperators {
            if let v = try hook(op, l, r) { return v }
        }
        return nil
    }

    func makeFormula(_ source: String, at offset: SourceOffset) throws -> Value {
        guard let formulaBuilder else { throw LanguageError("@formula is not available in this build") }
        return try formulaBuilder(source, offset)
    }

    /// Every builtin of the language.
    static func standard() -> BuiltinLibrary {
        var library = BuiltinLibrary()
        for name in ["Float64", "Int64", "Int", "String", "Symbol", "Bool", "Any", "Nothing", "Missing",
                     "Float32", "Int32", "Int16", "Int8", "Vector", "Matrix", "Array"] {
            library.types[name] = .type(name == "Int" ? "Int64" : name)
        }
        library.types[":"] = .type("Colon")
        library.types["nothing"] = .nothing
        library.types["missing"] = .missing
        library.types["π"] = .float(Double.pi)
        library.types["pi"] = .float(Double.pi)
        library.types["Inf"] = .float(.infinity)
        library.types["NaN"] = .float(.nan)
        library.registerMathematics()
        library.registerCollections()
        library.registerLanguage()
        library.registerFunctional()
        library.registerOutput()
        library.registerDictionaries()
        library.registerBenchmark()
        library.registerData()
        library.registerFormulas()
        library.registerModels()
        library.registerExtractors()
        library.registerRandom()
        library.registerStatistics()
        library.registerArrays()
        library.registerArrayViews()
        library.registerBaseNumerics()
        library.registerLinearAlgebra()
        library.registerStructuredArithmetic()
        library.registerStrings()
        library.registerFileOutput()
        library.registerEquality()
        library.registerInference()
        library.registerInsideAFit()
        library.registerSparseL()
        library.registerPrediction()
        library.registerSimulation()
        library.registerGaussHermite()
        library.registerPlots()
        library.registerGadfly()
        library.registerModelPlots()
        library.registerInferencePlots()
        library.registerDataFrames()
        library.registerDataFrameReshape()
        library.registerDerivatives()
        library.registerGLMMInternals()
        library.registerTypedTables()
        library.registerCSVReading()
        library.registerPkg()
        library.registerCategoricalArrays()
        library.registerFreqTables()
        library.registerDistributed()
        library.registerBootstrapCombination()
        library.registerCharacters()
        library.registerKeywordPairs()
        library.registerFileInput()
        return library
    }
}
