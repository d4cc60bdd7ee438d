import DataTables
import Testing
@testable import MixedModels

@Suite("Contrasts, the full-rank rule and rank")
struct FormulaContrastsTests {
    let levels = ["a", "b", "c", "d"]

    func rows(_ coding: ContrastCoding) throws -> [[Double]] {
        let m = try ContrastsMatrix(coding, levels: levels, variable: "v")
        return (0..<levels.count).map { i in (0..<m.width).map { m.values[i * m.width + $0] } }
    }

    @Test func codingMatrices() throws {
        #expect(try rows(.dummy()) == [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
        #expect(try rows(.dummy(base: "c")) == [[1, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 1]])
        #expect(try rows(.effects()) == [[-1, -1, -1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
        #expect(try rows(.effects(base: "b")) == [[1, 0, 0], [-1, -1, -1], [0, 1, 0], [0, 0, 1]])
        #expect(try rows(.helmert()) == [[-1, -1, -1], [1, -1, -1], [0, 2, -1], [0, 0, 3]])
        #expect(try rows(.seqDiff) == [[-0.75, -0.5, -0.25], [0.25, -0.5, -0.25], [0.25, 0.5, -0.25], [0.25, 0.5, 0.75]])
        #expect(try rows(.fullDummy) == [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
        #expect(try ContrastsMatrix(.dummy(base: "c"), levels: levels, variable: "v").columnLabels == ["a", "b", "d"])
        #expect(throws: FormulaError.self) { try ContrastsMatrix(.dummy(base: "z"), levels: levels, variable: "v") }
        #expect(throws: FormulaError.self) { try ContrastsMatrix(.dummy(), levels: ["a"], variable: "v") }
    }

    @Test func codingsByJuliaName() throws {
        #expect(try ContrastCoding(juliaName: "DummyCoding") == .dummy())
        #expect(try ContrastCoding(juliaName: "EffectsCoding", base: "b") == .effects(base: "b"))
        #expect(try ContrastCoding(juliaName: "SeqDiffCoding").juliaName == "SeqDiffCoding")
        #expect(throws: FormulaError.self) { try ContrastCoding(juliaName: "PolyCoding") }
    }

    var table: DataTable {
        get throws {
            try DataTable(columns: [
                Column(name: "y", doubles: [1, 2, 3, 4, 5, 6]),
                Column(name: "x", doubles: [1, 3, 2, 5, 4, 7]),
                Column(name: "z", doubles: [2, 6, 4, 10, 8, 14]),
                Column(name: "g", strings: ["b", "a", "c", "a", "b", "c"]),
                Column(name: "h", bools: [true, false, true, false, false, true]),
                Column(name: "s", strings: ["u", "u", "v", "v", "w", "w"]),
            ])
        }
    }

    func names(_ source: String, contrasts: [String: ContrastCoding] = [:]) throws -> [String] {
        try modelFrame(Formula(source), data: table, contrasts: contrasts).coefficientNames
    }

    @Test func fullRankRule() throws {
        #expect(try names("y ~ 0 + g") == ["g: a", "g: b", "g: c"])
        // Only the first categorical main effect of a model without intercept is promoted.
        #expect(try names("y ~ 0 + g + s") == ["g: a", "g: b", "g: c", "s: v", "s: w"])
        #expect(try names("y ~ 0 + x + h + g") == ["x", "h: false", "h: true", "g: b", "g: c"])
        #expect(try names("y ~ 1 + g + h") == ["(Intercept)", "g: b", "g: c", "h: true"])
        #expect(try names("y ~ 1 + x & g") == ["(Intercept)", "x & g: a", "x & g: b", "x & g: c"])
        #expect(try names("y ~ 1 + x + x & g") == ["(Intercept)", "x", "x & g: b", "x & g: c"])
        #expect(try names("y ~ 1 + g & h") == ["(Intercept)", "g: a & h: false", "g: b & h: false", "g: c & h: false",
                                               "g: a & h: true", "g: b & h: true", "g: c & h: true"])
        #expect(try names("y ~ 1 + g + g & h") == ["(Intercept)", "g: b", "g: c", "g: a & h: true", "g: b & h: true",
                                                   "g: c & h: true"])
        #expect(try names("y ~ 1 + g", contrasts: ["g": .effects(base: "c")]) == ["(Intercept)", "g: a", "g: b"])
        #expect(try names("y ~ 1 + x", contrasts: ["x": .dummy()]) == ["(Intercept)", "x: 2.0", "x: 3.0", "x: 4.0",
                                                                       "x: 5.0", "x: 7.0"])
        #expect(try names("y ~ 1 + g/s") == ["(Intercept)", "g: b", "g: c", "g: a & s: v", "g: b & s: v",
                                             "g: c & s: v", "g: a & s: w", "g: b & s: w", "g: c & s: w"])
    }

    @Test func interactionColumnsVaryFirstFactorFastest() throws {
        let m = try modelFrame(Formula("y ~ 0 + g & h"), data: table)
        #expect(m.coefficientNames.count == 6)
        // Row 0 is g = b, h = true: column "g: b & h: true" (index 4).
        #expect((0..<6).map { m.x[$0 * 6] } == [0, 0, 0, 0, 1, 0])
    }

    @Test func rankDeficientFixedEffects() throws {
        let m = try modelFrame(Formula("y ~ 1 + x + z"), data: table)
        #expect(m.rank == 2)
        #expect(m.pivot == [0, 2, 1])
        let full = try modelFrame(Formula("y ~ 1 + x + g"), data: table)
        #expect(full.rank == 4 && full.pivot == [0, 1, 2, 3])
        let deficient = try modelFrame(Formula("y ~ 1 + g + fulldummy(s)"), data: table)
        #expect(deficient.coefficientNames.count == 6 && deficient.rank == 5)
        #expect(Array(deficient.pivot.prefix(5)) == deficient.pivot.prefix(5).sorted())
        #expect(Set(deficient.pivot) == Set(0..<6) && deficient.pivot.first == 0)
    }

    @Test func rankDeficientLargeMatrix() throws {
        var data = try Datasets.load("insteval")
        let service = try #require(data["service"])
        try data.setColumn(Column(name: "copy", elementType: service.elementType, values: service.values))
        let m = try modelFrame(Formula("y ~ 1 + service * dept + copy + (1|s)"), data: data)
        #expect(m.fixedEffectCount == 29 && m.rank == 28)
        #expect(Array(m.pivot.prefix(28)) == m.pivot.prefix(28).sorted() && m.pivot.first == 0)
        #expect(m.coefficientNames[15] == "copy: Y" && [1, 15].contains(m.pivot[28]))
    }

    @Test func moreColumnsThanRows() throws {
        let m = try modelFrame(Formula("y ~ 0 + g & s"), data: table)
        #expect(m.fixedEffectCount == 9 && m.rank == 6)
    }

    @Test func twoLevelStringAndBoolResponses() throws {
        let data = try DataTable(columns: [
            Column(name: "r", strings: ["yes", "no", "yes"]), Column(name: "b", bools: [true, false, false]),
            Column(name: "g", strings: ["a", "b", "a"]),
        ])
        let m = try modelFrame(Formula("r ~ 1 + (1|g)"), data: data)
        #expect(m.y == [1, 0, 1] && m.responseLevels == ["no", "yes"])
        let b = try modelFrame(Formula("b ~ 1 + (1|g)"), data: data)
        #expect(b.y == [1, 0, 0] && b.responseLevels == nil)
    }
}
