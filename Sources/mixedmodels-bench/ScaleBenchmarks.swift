import DataTables
import Foundation
import MixedModels

/// `mixedmodels-bench scale [filter]`: fits on generated, seeded data sets of 10⁵ to 3·10⁶ rows (issue 12) — one
/// run each, with wall and CPU time, the peak resident memory of the case, evaluations and the objective.
/// `--trace` prints every evaluation (count, objective, seconds since the fit began) on standard error.
enum ScaleBenchmarks {
    struct Case {
        let name: String
        let make: () throws -> ModelFrame
        let bernoulli: Bool
    }

    static let cases: [Case] = [
        Case(name: "crossed 1e5", make: { SimulatedDesigns.crossed(n: 100_000, seed: 1) }, bernoulli: false),
        Case(name: "crossed 1e6", make: { SimulatedDesigns.crossed(n: 1_000_000, seed: 1) }, bernoulli: false),
        Case(name: "crossed 3e6", make: { SimulatedDesigns.crossed(n: 3_000_000, seed: 1) }, bernoulli: false),
        Case(name: "sleepstudy-like 1e6", make: { SimulatedDesigns.longitudinal(n: 1_000_000, seed: 1) },
             bernoulli: false),
        Case(name: "bernoulli crossed 1e5",
             make: { SimulatedDesigns.crossed(n: 100_000, seed: 1, bernoulli: true) }, bernoulli: true),
        Case(name: "bernoulli crossed 1e6",
             make: { SimulatedDesigns.crossed(n: 1_000_000, seed: 1, bernoulli: true) }, bernoulli: true),
        // The boundary optimum of issue 12 (lme4: 237647.058): a long fit, so timed once here.
        Case(name: "insteval (1 + service|dept)",
             make: { try ModelFrame(Formula("y ~ 1 + service + (1|s) + (1|d) + (1 + service|dept)"),
                                    data: Datasets.load("insteval")) }, bernoulli: false),
    ]

    /// The resident-memory high-water mark of the process in MB (Linux's VmHWM), and its reset.
    static func peakMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kb / 1024
    }

    static func resetPeak() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// Reports every evaluation of a fit on standard error, through the public progress handler.
    static let tracing = FitControl(progressInterval: 0) { p in
        FileHandle.standardError.write(Data(String(format: "%4d  %.9f  %8.3f s\n", p.evaluations, p.objective,
                                                   p.elapsed).utf8))
    }

    static func run(filter: String?, trace: Bool = false) {
        print("case".padding(toLength: 24, withPad: " ", startingAt: 0) + "n".leftPadded(9) + "build".leftPadded(10)
              + "fit".leftPadded(10) + "fit CPU".leftPadded(10) + "peak MB".leftPadded(9) + "feval".leftPadded(7)
              + "  (optimizer)  objective, θ")
        for c in cases where filter.map({ c.name.localizedCaseInsensitiveContains($0) }) ?? true {
            resetPeak()
            do {
                let frame = try c.make()
                let t0 = now()
                let line: String
                if c.bernoulli {
                    let model = try GeneralizedLinearMixedModel(modelFrame: frame, formula: "y ~ 1 + x + (1|user) + (1|item)",
                                                                family: .bernoulli)
                    let t1 = now()
                    let c0 = cpuNow()
                    try model.fit(control: trace ? tracing : nil)
                    let s = model.optimizationSummary
                    line = row(c.name, frame.observationCount, t1 - t0, now() - t1, cpuNow() - c0, s.evaluations,
                               s.optimizerEvaluations, s.minimumObjective, s.final)
                        + "  (\(model.factorizationCount) factorizations"
                        + (model.krylovStepCount > 0 ? ", \(model.krylovStepCount) Krylov steps of "
                            + "\(model.krylovIterationCount) iterations)" : ")")
                        + (s.warnings.isEmpty ? "" : "  " + s.warnings.joined(separator: "; "))
                } else {
                    let model = try LinearMixedModel(frame: frame, formulaText: "")
                    let t1 = now()
                    let c0 = cpuNow()
                    try model.fit(control: trace ? tracing : nil)
                    line = row(c.name, frame.observationCount, t1 - t0, now() - t1, cpuNow() - c0,
                               model.optsum.feval, model.optsum.optimizerEvaluations, model.optsum.fmin,
                               model.optsum.final)
                        + (model.warnings.isEmpty ? "" : "  " + model.warnings.joined(separator: "; "))
                }
                print(line)
            } catch {
                FileHandle.standardError.write(Data("\(c.name): \(error)\n".utf8))
            }
        }
    }

    static func row(_ name: String, _ n: Int, _ build: Double, _ fit: Double, _ cpu: Double, _ feval: Int,
                    _ optimizerEvaluations: Int, _ objective: Double, _ theta: [Double]) -> String {
        name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(n).leftPadded(9)
            + formatTime(build).leftPadded(10) + formatTime(fit).leftPadded(10) + formatTime(cpu).leftPadded(10)
            + String(format: "%.0f", peakMegabytes()).leftPadded(9) + String(feval).leftPadded(7)
            + " (\(optimizerEvaluations))".leftPadded(13) + "  " + String(format: "%.6f", objective) + ", " + theta.map { String(format: "%.5f", $0) }
            .joined(separator: ", ")
    }

    /// `mixedmodels-bench export N SEED FILE [crossed|bernoulli|longitudinal] [ITEMSD]`: writes a generated data
    /// set as CSV for lme4 (crossed and bernoulli: user, item, x, y; longitudinal: subj, t, y) and prints this
    /// engine's ML fit of it, timed as the scale cases are. ITEMSD (crossed designs, default 0.5) is the item
    /// effects' standard deviation: fits whose optimum lies far from the generator's usual one. `--trace` as for
    /// `scale`.
    static func export(_ arguments: [String], trace: Bool = false) {
        guard (3...5).contains(arguments.count), let n = Int(arguments[0]), let seed = UInt64(arguments[1]),
              let kind = Kind(rawValue: arguments.count >= 4 ? arguments[3] : "crossed"),
              let itemSD = arguments.count == 5 ? Double(arguments[4]) : 0.5, itemSD >= 0 else {
            FileHandle.standardError.write(Data(
                "usage: mixedmodels-bench export N SEED FILE [crossed|bernoulli|longitudinal] [ITEMSD]\n".utf8))
            exit(2)
        }
        let frame = switch kind {
        case .crossed: SimulatedDesigns.crossed(n: n, seed: seed, itemSD: itemSD)
        case .bernoulli: SimulatedDesigns.crossed(n: n, seed: seed, itemSD: itemSD, bernoulli: true)
        case .longitudinal: SimulatedDesigns.longitudinal(n: n, seed: seed)
        }
        let rows = frame.observationCount
        let terms = frame.randomEffectsTerms
        var csv = terms.map(\.groupingName).joined(separator: ",") + ",x,y\n"
        for o in 0..<rows {
            for term in terms { csv += term.levels[Int(term.refs[o])] + "," }
            csv += "\(frame.x[rows + o]),\(frame.y[o])\n"
        }
        do {
            try csv.write(toFile: arguments[2], atomically: true, encoding: .utf8)
            let t0 = now()
            let c0 = cpuNow()
            let name = "\(kind.rawValue) n=\(rows) seed=\(seed)"
            if kind == .bernoulli {
                let model = try GeneralizedLinearMixedModel(modelFrame: frame,
                                                            formula: "y ~ 1 + x + (1|user) + (1|item)",
                                                            family: .bernoulli)
                try model.fit(control: trace ? tracing : nil)
                let s = model.optimizationSummary
                print(row(name, rows, 0, now() - t0, cpuNow() - c0, s.evaluations, s.optimizerEvaluations,
                          s.minimumObjective, s.final))
            } else {
                let model = try LinearMixedModel(frame: frame, formulaText: "")
                try model.fit(control: trace ? tracing : nil)
                print(row(name, rows, 0, now() - t0, cpuNow() - c0, model.optsum.feval,
                          model.optsum.optimizerEvaluations, model.optsum.fmin, model.optsum.final))
            }
        } catch {
            FileHandle.standardError.write(Data("export: \(error)\n".utf8))
        }
    }

    enum Kind: String {
        case crossed, bernoulli, longitudinal
    }
}
