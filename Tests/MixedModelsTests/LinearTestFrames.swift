import Foundation
@testable import MixedModels

/// Model frames for the spec's linear models, built by hand from the shared CSV files (which use no quoting),
/// so the engine can be tested independently of the formula parser.
enum LinearTestFrames {
    static let datasetDirectory = "/work/shared/datasets"

    /// Columns of a CSV file as strings, by header name.
    static func readCSV(_ name: String) -> [String: [String]] {
        guard let text = try? String(contentsOfFile: "\(datasetDirectory)/\(name).csv", encoding: .utf8) else {
            return [:]
        }
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first?.split(separator: ",").map(String.init) else { return [:] }
        var columns = [String: [String]]()
        for h in header { columns[h] = [] }
        for line in lines.dropFirst() {
            for (h, field) in zip(header, line.split(separator: ",", omittingEmptySubsequences: false)) {
                columns[h, default: []].append(String(field))
            }
        }
        return columns
    }

    /// A grouping term: sorted levels, refs, and model columns given per observation.
    static func term(_ name: String, _ labels: [String], columns: [String], values: (Int) -> [Double],
                     lambdaIndices: [Int]) -> RandomEffectsTerm {
        let levels = Array(Set(labels)).sorted()
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Int32($0)) })
        let refs = labels.map { index[$0] ?? 0 }
        var z: [Double] = []
        for o in labels.indices { z.append(contentsOf: values(o)) }
        return RandomEffectsTerm(groupingName: name, levels: levels, refs: refs, columnNames: columns, z: z,
                                 lambdaIndices: lambdaIndices)
    }

    static func lowerTriangle(_ v: Int) -> [Int] {
        var indices: [Int] = []
        for j in 0..<v { for i in j..<v { indices.append(i + j * v) } }
        return indices
    }

    static func diagonal(_ v: Int) -> [Int] { (0..<v).map { $0 * v + $0 } }

    /// `(1|g) + (x|g)` amalgamated: the intercept alone, then the lower triangle of the remaining block.
    static func separateIntercept(_ v: Int) -> [Int] {
        var indices = [0]
        for j in 1..<v { for i in j..<v { indices.append(i + j * v) } }
        return indices
    }

    static func frame(y: [Double], xColumns: [[Double]], names: [String], terms: [RandomEffectsTerm]) -> ModelFrame {
        let sorted = terms.sorted { $0.randomEffectCount > $1.randomEffectCount }
        return ModelFrame(y: y, x: xColumns.flatMap { $0 }, coefficientNames: names, randomEffectsTerms: sorted,
                          rank: names.count, pivot: Array(names.indices), rowsUsed: Array(y.indices), rowsDropped: 0)
    }

    static func doubles(_ c: [String]?) -> [Double] { (c ?? []).map { Double($0) ?? .nan } }

    /// `yield ~ 1 + (1|batch)` on dyestuff or dyestuff2.
    static func dyestuff(_ name: String = "dyestuff") -> ModelFrame {
        let d = readCSV(name)
        let y = doubles(d["yield"])
        let batch = term("batch", d["batch"] ?? [], columns: ["(Intercept)"], values: { _ in [1] },
                         lambdaIndices: [0])
        return frame(y: y, xColumns: [y.map { _ in 1 }], names: ["(Intercept)"], terms: [batch])
    }

    /// `reaction ~ 1 + days + (1 + days|subj)`, optionally `zerocorr`.
    static func sleepstudy(zerocorr: Bool = false) -> ModelFrame {
        let d = readCSV("sleepstudy")
        let days = doubles(d["days"])
        let subj = term("subj", d["subj"] ?? [], columns: ["(Intercept)", "days"], values: { [1, days[$0]] },
                        lambdaIndices: zerocorr ? diagonal(2) : lowerTriangle(2))
        return frame(y: doubles(d["reaction"]), xColumns: [days.map { _ in 1 }, days],
                     names: ["(Intercept)", "days"], terms: [subj])
    }

    /// The dummy-coded sleepstudy models: `days` as a factor; `fulldummy` adds the days: 0 indicator to the
    /// random effects; `zerocorr` keeps only the diagonal of λ.
    static func sleepstudyDummy(fulldummy: Bool, zerocorr: Bool, separate: Bool = false) -> ModelFrame {
        let d = readCSV("sleepstudy")
        let days = doubles(d["days"]).map { Int($0) }
        let n = days.count
        let fixedLevels = Array(1...9)
        var xColumns = [[Double](repeating: 1, count: n)]
        for l in fixedLevels { xColumns.append(days.map { $0 == l ? 1 : 0 }) }
        let names = ["(Intercept)"] + fixedLevels.map { "days: \($0)" }
        let randomLevels = fulldummy ? Array(0...9) : fixedLevels
        let v = randomLevels.count + 1
        let subj = term("subj", d["subj"] ?? [], columns: ["(Intercept)"] + randomLevels.map { "days: \($0)" },
                        values: { o in [1] + randomLevels.map { days[o] == $0 ? 1 : 0 } },
                        lambdaIndices: zerocorr ? diagonal(v) : separate ? separateIntercept(v) : lowerTriangle(v))
        return frame(y: doubles(d["reaction"]), xColumns: xColumns, names: names, terms: [subj])
    }

    /// `diameter ~ 1 + (1|plate) + (1|sample)`.
    static func penicillin() -> ModelFrame {
        let d = readCSV("penicillin")
        let y = doubles(d["diameter"])
        let plate = term("plate", d["plate"] ?? [], columns: ["(Intercept)"], values: { _ in [1] }, lambdaIndices: [0])
        let sample = term("sample", d["sample"] ?? [], columns: ["(Intercept)"], values: { _ in [1] },
                          lambdaIndices: [0])
        return frame(y: y, xColumns: [y.map { _ in 1 }], names: ["(Intercept)"], terms: [plate, sample])
    }

    /// `strength ~ 1 + (1|batch/cask)`.
    static func pastes() -> ModelFrame {
        let d = readCSV("pastes")
        let y = doubles(d["strength"])
        let batchLabels = d["batch"] ?? []
        let caskLabels = zip(batchLabels, d["cask"] ?? []).map { "\($0) & \($1)" }
        let batch = term("batch", batchLabels, columns: ["(Intercept)"], values: { _ in [1] }, lambdaIndices: [0])
        let cask = term("batch & cask", caskLabels, columns: ["(Intercept)"], values: { _ in [1] },
                        lambdaIndices: [0])
        return frame(y: y, xColumns: [y.map { _ in 1 }], names: ["(Intercept)"], terms: [batch, cask])
    }

    /// `y ~ 1 + service * dept + (1|s) + (1|d)` on insteval.
    static func insteval() -> ModelFrame {
        let d = readCSV("insteval")
        let y = doubles(d["y"])
        let service = (d["service"] ?? []).map { $0 == "Y" ? 1.0 : 0.0 }
        let dept = d["dept"] ?? []
        let deptLevels = Array(Set(dept)).sorted().dropFirst()
        var xColumns = [y.map { _ in 1.0 }, service]
        var names = ["(Intercept)", "service: Y"]
        for l in deptLevels {
            xColumns.append(dept.map { $0 == l ? 1 : 0 })
            names.append("dept: \(l)")
        }
        for l in deptLevels {
            xColumns.append(zip(dept, service).map { $0 == l ? $1 : 0 })
            names.append("service: Y & dept: \(l)")
        }
        let s = term("s", d["s"] ?? [], columns: ["(Intercept)"], values: { _ in [1] }, lambdaIndices: [0])
        let dd = term("d", d["d"] ?? [], columns: ["(Intercept)"], values: { _ in [1] }, lambdaIndices: [0])
        return frame(y: y, xColumns: xColumns, names: names, terms: [s, dd])
    }
}
