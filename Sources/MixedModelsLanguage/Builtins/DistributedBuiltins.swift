import MixedModels

/// Julia's `Distributed` standard library as a single-process runtime: a notebook session never starts processes,
/// so process 1 is the only worker, remote calls run here at once and `pmap` maps in order. `addprocs` and
/// `rmprocs` explain this instead of starting anything. (`@everywhere` and `@distributed` are macros, see
/// `MacroEvaluation`.)
extension BuiltinLibrary {
    mutating func registerDistributed() {
        modules.formUnion(["Distributed", "ProgressMeter"])
        add("nprocs") { c in try c.expectCount(0, "nprocs()"); return .int(1) }
        add("nworkers") { c in try c.expectCount(0, "nworkers()"); return .int(1) }
        add("myid") { c in try c.expectCount(0, "myid()"); return .int(1) }
        for name in ["workers", "procs"] {
            add(name) { c in
                try c.expectCount(0, "\(name)()")
                return .array(ArrayBox(ints: [1]))
            }
        }
        for name in ["addprocs", "rmprocs"] {
            add(name, keywords: ["exeflags", "topology", "lazy", "enable_threaded_blas", "waitfor"]) { _ in
                throw LanguageError("\(name): this notebook runs in a single process and cannot "
                                    + "\(name == "addprocs" ? "start" : "remove") worker processes; process 1 is the "
                                    + "only worker (nprocs() == 1), and pmap, remotecall and @distributed run in it")
            }
        }
        add("remotecall_fetch") { c in
            try c.expectCount(2...Int.max, "remotecall_fetch(f, worker, args...)")
            try Distributed.checkWorker(c, 1)
            return try c.interpreter.call(c.positional[0], Array(c.positional.dropFirst(2)), c.keywords)
        }
        add("remotecall") { c in
            try c.expectCount(2...Int.max, "remotecall(f, worker, args...)")
            try Distributed.checkWorker(c, 1)
            let value = try c.interpreter.call(c.positional[0], Array(c.positional.dropFirst(2)), c.keywords)
            return .object(FutureObject(value))
        }
        add("fetch") { c in
            try c.expectCount(1, "fetch(future)")
            if case .object(let f as FutureObject) = c.positional[0] { return f.value }
            return c.positional[0]
        }
        add("pmap", keywords: ["batch_size", "distributed", "on_error", "retry_delays", "retry_check"]) { c in
            try c.expectCount(2...Int.max, "pmap(f, collection)")
            let map = c.interpreter.library.functions["map"]!
            return try c.interpreter.call(.function(map), c.positional)
        }
    }
}

enum Distributed {
    /// Only process 1 exists.
    static func checkWorker(_ c: CallContext, _ i: Int) throws {
        guard case .int(1) = try c.argument(i) else {
            throw LanguageError("\(c.name): there is no worker \(Display.repr(c.positional[i])) in this notebook, which "
                                + "runs in a single process; use worker 1 (see workers())")
        }
    }
}

/// The result of `remotecall`: Distributed's `Future`, already complete (the call ran at once, in this process).
final class FutureObject: LanguageObject {
    let value: Value
    private static var count = 0
    let id: Int

    init(_ value: Value) {
        self.value = value
        FutureObject.count += 1
        id = FutureObject.count
    }

    var typeName: String { "Future" }
    func display() -> String { "Future(1, 1, \(id), nothing)" }
}

extension BuiltinLibrary {
    /// `vcat(b1, b2, …)` and `reduce(vcat, bootstraps)` of `MixedModelBootstrap`s: the replicates of bootstraps of
    /// one model, computed separately (as on several workers), joined in order.
    mutating func registerBootstrapCombination() {
        extend("vcat") { c, next in
            let samples = c.positional.compactMap { v -> MixedModelBootstrap? in
                if case .object(let b as BootstrapObject) = v { return b.samp }
                return nil
            }
            guard !samples.isEmpty, samples.count == c.count else { return try next(c) }
            var combined = samples[0]
            for other in samples.dropFirst() {
                guard other.fixefnames == combined.fixefnames, other.terms == combined.terms,
                      other.lowerbd == combined.lowerbd, other.hasDispersion == combined.hasDispersion else {
                    throw JuliaException.argumentError("b1 and b2 must originate from the same model fit")
                }
                combined.fits += other.fits
            }
            return .object(BootstrapObject(combined))
        }
    }
}
