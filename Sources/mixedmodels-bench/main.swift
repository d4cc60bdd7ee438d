import Foundation
import MixedModels

/// One benchmarked fit: how to construct and fit the model, and the time it should beat.
struct BenchCase {
    let name: String
    let targetSeconds: Double
    let run: () throws -> LinearMixedModel
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

/// Runs `c` repeatedly (at least 3 times, up to ~2 s of work or 10 000 runs) and reports the median.
func measure(_ c: BenchCase) throws -> BenchResult {
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
                       minimumSeconds: times[0], medianCPUSeconds: cpuTimes[cpuTimes.count / 2], targetSeconds: c.targetSeconds, objective: warm.optsum.fmin,
                       evaluations: warm.optsum.feval)
}

func formatTime(_ s: Double) -> String {
    if s < 1e-3 { return String(format: "%.1f μs", s * 1e6) }
    if s < 1 { return String(format: "%.2f ms", s * 1e3) }
    return String(format: "%.3f s", s)
}

func fitCase(_ name: String, target: Double, reml: Bool = false, _ frame: @escaping () -> ModelFrame) -> BenchCase {
    let built = frame()
    return BenchCase(name: name, targetSeconds: target) {
        try LinearMixedModel(frame: built, formulaText: name).fit(reml: reml)
    }
}

let arguments = CommandLine.arguments.dropFirst()
let json = arguments.contains("--json")
let only = arguments.first { !$0.hasPrefix("--") }

let cases: [BenchCase] = [
    fitCase("dyestuff fm1", target: 100e-6) { BenchFrames.dyestuff() },
    fitCase("dyestuff fm1 REML", target: 100e-6, reml: true) { BenchFrames.dyestuff() },
    fitCase("dyestuff2", target: 100e-6) { BenchFrames.dyestuff("dyestuff2") },
    fitCase("sleepstudy fm2", target: 1e-3) { BenchFrames.sleepstudy() },
    fitCase("sleepstudy zerocorr", target: 1e-3) { BenchFrames.sleepstudy(zerocorr: true) },
    fitCase("penicillin fm3", target: 1e-3) { BenchFrames.penicillin() },
    fitCase("penicillin REML", target: 1e-3, reml: true) { BenchFrames.penicillin() },
    fitCase("pastes fm4a", target: 1e-3) { BenchFrames.pastes() },
    fitCase("sleepstudy dummy (55 θ)", target: 0.5) { BenchFrames.sleepstudyDummy(fulldummy: false, zerocorr: false) },
    fitCase("sleepstudy fulldummy (66 θ)", target: 0.5) { BenchFrames.sleepstudyDummy(fulldummy: true, zerocorr: false) },
    fitCase("sleepstudy dummy zerocorr", target: 0.5) { BenchFrames.sleepstudyDummy(fulldummy: false, zerocorr: true) },
    fitCase("sleepstudy fulldummy zerocorr", target: 0.5) { BenchFrames.sleepstudyDummy(fulldummy: true, zerocorr: true) },
    fitCase("insteval fm5", target: 1.0) { BenchFrames.insteval() },
].filter { c in only.map { c.name.localizedCaseInsensitiveContains($0) } ?? true }

var results: [BenchResult] = []
if !json {
    print("model".padding(toLength: 32, withPad: " ", startingAt: 0) + "median".leftPadded(12)
          + "median CPU".leftPadded(12) + "target".leftPadded(12))
}
for c in cases {
    do {
        let r = try measure(c)
        results.append(r)
        if !json {
            let mark = r.withinTarget ? "ok" : "SLOW"
            let line = c.name.padding(toLength: 32, withPad: " ", startingAt: 0)
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

if arguments.contains("--objective") {
    for (name, frame) in [("fulldummy", BenchFrames.sleepstudyDummy(fulldummy: true, zerocorr: false)),
                          ("fulldummy zc", BenchFrames.sleepstudyDummy(fulldummy: true, zerocorr: true))] {
        let m = try LinearMixedModel(frame: frame, formulaText: name)
        let theta = m.optsum.initial.map { $0 == 0 ? 0.1 : 0.9 }
        let t0 = cpuNow()
        var s = 0.0
        for _ in 0..<1000 { s += m.evaluateObjective(at: theta, reml: false) }
        print(name, formatTime((cpuNow() - t0) / 1000), s)
    }
}
