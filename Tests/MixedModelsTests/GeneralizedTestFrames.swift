import Foundation
import MixedModels

/// Model frames for the GLMM tests, built directly from the shared CSV files: an intercept, numeric and
/// squared-numeric columns, treatment-coded categorical columns (levels sorted by code point, the first is the
/// reference) and scalar random intercepts, as MixedModels.jl would build them for these formulas.
enum GeneralizedTestFrames {
    enum FixedTerm {
        case numeric(String)
        case squared(String)
        case categorical(String)
    }

    static let datasetDirectory = "/work/shared/datasets"

    static func table(_ name: String) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOfFile: "\(datasetDirectory)/\(name).csv", encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.removeFirst()
        return (header, lines)
    }

    static func frame(dataset: String, response: (_ row: [String: String]) -> Double, fixed: [FixedTerm],
                      groups: [String]) throws -> ModelFrame {
        let (header, rows) = try table(dataset)
        let records = rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        let n = records.count
        var x = [Double](repeating: 1, count: n)
        var names = ["(Intercept)"]
        for term in fixed {
            switch term {
            case .numeric(let c):
                x += records.map { Double($0[c]!)! }
                names.append(c)
            case .squared(let c):
                x += records.map { let v = Double($0[c]!)!; return v * v }
                names.append("abs2(\(c))")
            case .categorical(let c):
                let levels = Set(records.map { $0[c]! }).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
                for level in levels.dropFirst() {
                    x += records.map { $0[c]! == level ? 1 : 0 }
                    names.append("\(c): \(level)")
                }
            }
        }
        var terms = groups.map { g -> RandomEffectsTerm in
            let levels = Set(records.map { $0[g]! }).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Int32($0)) })
            return RandomEffectsTerm(groupingName: g, levels: levels, refs: records.map { index[$0[g]!]! },
                                     columnNames: ["(Intercept)"], z: [Double](repeating: 1, count: n),
                                     lambdaIndices: [0])
        }
        terms.sort { $0.randomEffectCount > $1.randomEffectCount }
        return ModelFrame(y: records.map(response), x: x, coefficientNames: names, randomEffectsTerms: terms,
                          rank: names.count, pivot: Array(0..<names.count), rowsUsed: Array(0..<n), rowsDropped: 0)
    }

    static func verbagg() throws -> ModelFrame {
        try frame(dataset: "verbagg", response: { $0["r2"] == "Y" ? 1 : 0 },
                  fixed: [.numeric("anger"), .categorical("gender"), .categorical("btype"), .categorical("situ"),
                          .categorical("mode")],
                  groups: ["subj", "item"])
    }

    static let verbaggFormula = "r2 ~ 1 + anger + gender + btype + situ + mode + (1 | subj) + (1 | item)"

    static func contra() throws -> ModelFrame {
        try frame(dataset: "contra", response: { $0["use"] == "Y" ? 1 : 0 },
                  fixed: [.numeric("age"), .squared("age"), .categorical("livch"), .categorical("urban")],
                  groups: ["dist"])
    }

    static let contraFormula = "use ~ 1 + age + abs2(age) + livch + urban + (1 | dist)"
}
