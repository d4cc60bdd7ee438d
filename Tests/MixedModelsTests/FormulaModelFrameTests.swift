import DataTables
import Testing
@testable import MixedModels

@Suite("Model frames of the spec's models")
struct FormulaModelFrameTests {
    func dims(_ m: ModelFrame) -> (Int, Int, Int, Int) {
        (m.observationCount, m.fixedEffectCount, m.randomEffectsTerms.map(\.randomEffectCount).reduce(0, +),
         m.randomEffectsTerms.count)
    }

    @Test func dyestuff() throws {
        let m = try modelFrame(Formula("yield ~ 1 + (1|batch)"), data: Datasets.load("dyestuff"))
        #expect(dims(m) == (30, 1, 6, 1))
        #expect(m.coefficientNames == ["(Intercept)"])
        #expect(m.y.reduce(0, +) / 30 == 1527.5)
        let re = try #require(m.randomEffectsTerms.first)
        #expect(re.levels == ["A", "B", "C", "D", "E", "F"])
        #expect(re.columnNames == ["(Intercept)"])
        #expect(re.lambdaIndices == [0])
        #expect(m.rank == 1 && m.pivot == [0] && m.rowsDropped == 0)
    }

    @Test func sleepstudyVectorValued() throws {
        let data = try Datasets.load("sleepstudy")
        let m = try modelFrame(Formula("reaction ~ 1 + days + (1 + days|subj)"), data: data)
        #expect(dims(m) == (180, 2, 36, 1))
        #expect(m.coefficientNames == ["(Intercept)", "days"])
        let re = try #require(m.randomEffectsTerms.first)
        #expect(re.columnNames == ["(Intercept)", "days"])
        #expect(re.lambdaIndices == [0, 1, 3])
        #expect(Array(re.z[0..<4]) == [1, 0, 1, 1])
        #expect(re.levelCount == 18 && re.levels.first == "S308")
    }

    @Test func sleepstudyZeroCorrelationAndSeparateTerms() throws {
        let data = try Datasets.load("sleepstudy")
        let z = try modelFrame(Formula("reaction ~ 1 + days + zerocorr(1 + days|subj)"), data: data)
        #expect(z.randomEffectsTerms[0].lambdaIndices == [0, 3])
        let s = try modelFrame(Formula("reaction ~ 1 + days + (1|subj) + (days|subj)"), data: data)
        #expect(s.randomEffectsTerms.count == 1)
        #expect(s.randomEffectsTerms[0].columnNames == ["(Intercept)", "days"])
        #expect(s.randomEffectsTerms[0].lambdaIndices == [0, 3])
    }

    @Test func dummyCodedDays() throws {
        let data = try Datasets.load("sleepstudy")
        let days = (1...9).map { "days: \($0)" }
        let m = try modelFrame(Formula("reaction ~ 1 + days + (1 + days|subj)"), data: data,
                               contrasts: ["days": .dummy()])
        #expect(m.coefficientNames == ["(Intercept)"] + days)
        #expect(m.randomEffectsTerms[0].columnNames == ["(Intercept)"] + days)
        #expect(m.randomEffectsTerms[0].lambdaIndices.count == 55)
        let sep = try modelFrame(Formula("reaction ~ 1 + days + (1|subj) + (days|subj)"), data: data,
                                 contrasts: ["days": .dummy()])
        #expect(sep.randomEffectsTerms[0].columnNames == ["(Intercept)"] + days)
        #expect(sep.randomEffectsTerms[0].lambdaIndices.count == 1 + 45)
        let full = try modelFrame(Formula("reaction ~ 1 + days + zerocorr(1 + fulldummy(days)|subj)"), data: data,
                                  contrasts: ["days": .dummy()])
        #expect(full.randomEffectsTerms[0].columnNames == ["(Intercept)"] + (0...9).map { "days: \($0)" })
        #expect(full.randomEffectsTerms[0].lambdaIndices.count == 11)
        #expect(full.rank == 10)
    }

    @Test func penicillinCrossed() throws {
        let m = try modelFrame(Formula("diameter ~ 1 + (1|plate) + (1|sample)"), data: Datasets.load("penicillin"))
        #expect(m.randomEffectsTerms.map(\.groupingName) == ["plate", "sample"])
        #expect(m.randomEffectsTerms.map(\.levelCount) == [24, 6])
    }

    @Test func pastesNested() throws {
        let m = try modelFrame(Formula("strength ~ 1 + (1|batch/cask)"), data: Datasets.load("pastes"))
        #expect(m.randomEffectsTerms.map(\.groupingName) == ["batch & cask", "batch"])
        #expect(m.randomEffectsTerms.map(\.levelCount) == [30, 10])
        #expect(m.randomEffectsTerms[0].levels.prefix(2) == ["(\"A\", \"a\")", "(\"A\", \"b\")"])
    }

    @Test func instevalNames() throws {
        let data = try Datasets.load("insteval")
        let m = try modelFrame(Formula("y ~ 1 + service * dept + (1|s) + (1|d)"), data: data)
        let depts = ["D02", "D03", "D04", "D05", "D06", "D07", "D08", "D09", "D10", "D11", "D12", "D14", "D15"]
        let expected = ["(Intercept)", "service: Y"] + depts.map { "dept: \($0)" }
            + depts.map { "service: Y & dept: \($0)" }
        #expect(m.coefficientNames == expected)
        #expect(m.coefficientNames.count == 28)
        #expect(m.randomEffectsTerms.map(\.groupingName) == ["s", "d"])
        #expect(m.randomEffectsTerms.map(\.levelCount) == [2972, 1128])
        #expect(m.observationCount == 73421 && m.rank == 28)
    }

    @Test func contraNames() throws {
        let m = try modelFrame(Formula("use ~ 1 + age + abs2(age) + livch + urban + (1|dist)"),
                               data: Datasets.load("contra"))
        #expect(m.coefficientNames == ["(Intercept)", "age", "abs2(age)", "livch: 1", "livch: 2", "livch: 3+", "urban: Y"])
        #expect(m.responseLevels == ["N", "Y"])
        #expect(m.x[2 * 1934] == 18.44 * 18.44)
        #expect(m.randomEffectsTerms[0].levelCount == 60)
    }

    @Test func verbaggNames() throws {
        let m = try modelFrame(Formula("r2 ~ 1 + anger + gender + btype + situ + mode + (1|subj) + (1|item)"),
                               data: Datasets.load("verbagg"))
        #expect(m.coefficientNames == ["(Intercept)", "anger", "gender: M", "btype: scold", "btype: shout",
                                       "situ: self", "mode: want"])
        #expect(m.randomEffectsTerms.map(\.levelCount) == [316, 24])
        #expect(m.responseLevels == ["N", "Y"])
    }

    @Test func proportionResponse() throws {
        let data = try Datasets.load("cbpp")
        let m = try modelFrame(Formula("(incid / hsz) ~ 1 + period + (1|herd)"), data: data)
        #expect(m.coefficientNames == ["(Intercept)", "period: 2", "period: 3", "period: 4"])
        #expect(m.y[0] == 2.0 / 14.0)
    }
}

@Suite("Model frame timing")
struct FormulaTimingTests {
    @Test func timingReportsEveryRepetition() throws {
        let data = try Datasets.load("dyestuff")
        let t = try ModelFrameTiming.measure("yield ~ 1 + (1|batch)", data: data, repetitions: 3)
        #expect(t.seconds.count == 3 && t.minimum > 0 && t.median >= t.minimum)
    }
}
