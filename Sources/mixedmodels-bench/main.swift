import Foundation
import DataTables
import MixedModels

/// What a benchmarked fit reports besides its time.
struct FitOutcome {
    let objective: Double
    let evaluations: Int
}

/// One benchmarked fit: how to construct and fit the model, and the time it should beat.
struct BenchCase {
    let name: String
    let targetSeconds: Double
    let run: () throws -> FitOutcome
}

/// Result of timing one case.
struct BenchResult: Codable {
    let name: String
    let samples: Int
    let medianSeconds: Double
    let minimumSeconds: Double
    /// Median CPU time of the thread: robust to other processes competing for the cores.
    let medianCPUSeconds: Double
    let targetSeconds: Double
    let objective: Double
    let evaluations: Int
    var withinTarget: Bool { medianSeconds <= targetSeconds }
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

/// CPU time of this thread, less sensitive than wall time to other processes on a busy machine.
func cpuNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Runs `c` once to warm up, then repeatedly (at least 3 times, up to ~2 s of work or 10 000 runs), and reports the
/// median.
func measure(_ c: BenchCase) throws -> BenchResult {
    if once {
        let t0 = now()
        let c0 = cpuNow()
        let outcome = try c.run()
        let wall = now() - t0
        return BenchResult(name: c.name, samples: 1, medianSeconds: wall, minimumSeconds: wall,
                           medianCPUSeconds: cpuNow() - c0, targetSeconds: c.targetSeconds,
                           objective: outcome.objective, evaluations: outcome.evaluations)
    }
    let warm = try c.run()
    var times: [Double] = []
    var cpuTimes: [Double] = []
    let budget = 2.0
    let start = now()
    while times.count < 10_000 && (times.count < 3 || now() - start < budget) {
        let t0 = now()
        let c0 = cpuNow()
        _ = try c.run()
        cpuTimes.append(cpuNow() - c0)
        times.append(now() - t0)
    }
    times.sort()
    cpuTimes.sort()
    return BenchResult(name: c.name, samples: times.count, medianSeconds: times[times.count / 2],
                       minimumSeconds: times[0], medianCPUSeconds: cpuTimes[cpuTimes.count / 2],
                       targetSeconds: c.targetSeconds, objective: warm.objective, evaluations: warm.evaluations)
}

func formatTime(_ s: Double) -> String {
    if s < 1e-3 { return String(format: "%.1f μs", s * 1e6) }
    if s < 1 { return String(format: "%.2f ms", s * 1e3) }
    return String(format: "%.3f s", s)
}

/// Construction (model frame from formula and table, then the model) and fit, timed together.
func fitCase(_ name: String, target: Double, reml: Bool = false, _ formula: String, _ dataset: String,
             contrasts: [String: ContrastCoding] = [:]) -> BenchCase {
    BenchCase(name: name, targetSeconds: target) {
        let model = try LinearMixedModel(formula: Formula(formula), data: Datasets.load(dataset), contrasts: contrasts)
            .fit(reml: reml)
        return FitOutcome(objective: model.optsum.fmin, evaluations: model.optsum.feval)
    }
}

/// Construction alone (model frame from formula and table, then the model ready to fit): the fixed cost every fit
/// pays before its first evaluation (no objective is evaluated: the one reported is 0).
func constructionCase(_ name: String, target: Double, _ formula: String, _ dataset: String) -> BenchCase {
    BenchCase(name: name, targetSeconds: target) {
        _ = try LinearMixedModel(formula: Formula(formula), data: Datasets.load(dataset))
        return FitOutcome(objective: 0, evaluations: 0)
    }
}

/// One evaluation of the objective at the fitted θ (construction and fit happen once, outside the timing): the
/// per-evaluation cost, independent of how many evaluations the optimizer happens to need. `target` is the fit's
/// target divided by a typical evaluation count.
func objectiveCase(_ name: String, target: Double, _ formula: String, _ dataset: String) -> BenchCase {
    var fitted: LinearMixedModel?
    return BenchCase(name: name, targetSeconds: target) {
        let model = try fitted ?? LinearMixedModel(formula: Formula(formula), data: Datasets.load(dataset)).fit()
        fitted = model
        _ = model.evaluateObjective(at: model.optsum.final, reml: false)
        return FitOutcome(objective: model.optsum.fmin, evaluations: model.optsum.feval)
    }
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "scale" {
    ScaleBenchmarks.run(filter: arguments.dropFirst().first { !$0.hasPrefix("--") },
                        trace: arguments.contains("--trace"))
    exit(0)
}
if arguments.first == "export" {
    ScaleBenchmarks.export(arguments.dropFirst().filter { $0 != "--trace" }, trace: arguments.contains("--trace"))
    exit(0)
}
let json = arguments.contains("--json")
/// `--once`: one timed run per case, no warm-up (long fits).
let once = arguments.contains("--once")
// A filter selects the cases whose name contains it: `glmm` the generalized models (GLMMBenchmarks.swift).
let only = arguments.first { !$0.hasPrefix("--") }
let dummy: [String: ContrastCoding] = ["days": .dummy()]

let cases: [BenchCase] = ([
    fitCase("dyestuff fm1", target: 100e-6, "yield ~ 1 + (1|batch)", "dyestuff"),
    fitCase("dyestuff fm1 REML", target: 100e-6, reml: true, "yield ~ 1 + (1|batch)", "dyestuff"),
    fitCase("dyestuff2", target: 100e-6, "yield ~ 1 + (1|batch)", "dyestuff2"),
    fitCase("sleepstudy fm2", target: 1e-3, "reaction ~ 1 + days + (1 + days|subj)", "sleepstudy"),
    fitCase("sleepstudy zerocorr", target: 1e-3, "reaction ~ 1 + days + zerocorr(1 + days|subj)", "sleepstudy"),
    fitCase("penicillin fm3", target: 1e-3, "diameter ~ 1 + (1|plate) + (1|sample)", "penicillin"),
    fitCase("penicillin REML", target: 1e-3, reml: true, "diameter ~ 1 + (1|plate) + (1|sample)", "penicillin"),
    fitCase("pastes fm4a", target: 1e-3, "strength ~ 1 + (1|batch/cask)", "pastes"),
    fitCase("sleepstudy dummy (55 θ)", target: 0.5, "reaction ~ 1 + days + (1 + days|subj)", "sleepstudy",
            contrasts: dummy),
    fitCase("sleepstudy dummy separate (46 θ)", target: 0.5, "reaction ~ 1 + days + (1|subj) + (days|subj)",
            "sleepstudy", contrasts: dummy),
    fitCase("sleepstudy fulldummy (66 θ)", target: 0.5, "reaction ~ 1 + days + (1 + fulldummy(days)|subj)",
            "sleepstudy", contrasts: dummy),
    fitCase("sleepstudy dummy zerocorr", target: 0.5, "reaction ~ 1 + days + zerocorr(1 + days|subj)",
            "sleepstudy", contrasts: dummy),
    fitCase("sleepstudy fulldummy zerocorr", target: 0.5,
            "reaction ~ 1 + days + zerocorr(1 + fulldummy(days)|subj)", "sleepstudy", contrasts: dummy),
    fitCase("insteval fm5", target: 1.0, "y ~ 1 + service * dept + (1|s) + (1|d)", "insteval"),
    constructionCase("insteval fm5 construction", target: 0.1, "y ~ 1 + service * dept + (1|s) + (1|d)", "insteval"),
    objectiveCase("insteval fm5 one objective", target: 1.0 / 50, "y ~ 1 + service * dept + (1|s) + (1|d)", "insteval"),
] + GLMMBenchmarks.cases + LanguageBenchmarks.cases + BootstrapBenchmarks.cases + PlotBenchmarks.cases).filter { c in only.map { c.name.localizedCaseInsensitiveContains($0) } ?? true }

var results: [BenchResult] = []
if !json {
    print("model".padding(toLength: 36, withPad: " ", startingAt: 0) + "median".leftPadded(12)
          + "median CPU".leftPadded(12) + "target".leftPadded(12))
}
for c in cases {
    do {
        let r = try measure(c)
        results.append(r)
        if !json {
            let mark = r.withinTarget ? "ok" : "SLOW"
            let line = c.name.padding(toLength: 36, withPad: " ", startingAt: 0)
                + formatTime(r.medianSeconds).leftPadded(12) + formatTime(r.medianCPUSeconds).leftPadded(12)
                + formatTime(r.targetSeconds).leftPadded(12)
                + "  \(mark)  n=\(r.samples) feval=\(r.evaluations) objective=\(r.objective)"
            print(line)
        }
    } catch {
        FileHandle.standardError.write(Data("\(c.name): \(error)\n".utf8))
    }
}
if json {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    if let data = try? encoder.encode(results), let text = String(data: data, encoding: .utf8) { print(text) }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
