import Foundation
import Testing
@testable import DataTables

/// Shape of each bundled data set, from shared/datasets/README.md.
private let expectedShapes: [(name: String, rows: Int, columns: [(String, ElementType)])] = [
    ("cbpp", 56, [("herd", .string), ("period", .string), ("incid", .int8), ("hsz", .int8)]),
    ("contra", 1934, [("dist", .string), ("urban", .string), ("livch", .string), ("age", .float64), ("use", .string)]),
    ("dyestuff", 30, [("batch", .string), ("yield", .int16)]),
    ("dyestuff2", 30, [("batch", .string), ("yield", .float64)]),
    ("ergostool", 36, [("subj", .string), ("type", .string), ("effort", .int8)]),
    ("grouseticks", 403, [("index", .string), ("brood", .string), ("location", .string), ("height", .int16),
                          ("year", .string), ("ticks", .int8)]),
    ("insteval", 73421, [("s", .string), ("d", .string), ("dept", .string), ("studage", .string), ("lectage", .string),
                         ("service", .string), ("y", .int8)]),
    ("kb07", 1789, [("subj", .string), ("item", .string), ("spkr", .string), ("prec", .string), ("load", .string),
                    ("rt_trunc", .float64)]),
    ("machines", 54, [("Worker", .string), ("Machine", .string), ("score", .float64)]),
    ("mmec", 354, [("nation", .string), ("region", .string), ("county", .string), ("deaths", .int16),
                   ("expected", .float64), ("uvb", .float64)]),
    ("oxboys", 234, [("Subj", .string), ("occasion", .int8), ("age", .float64), ("height", .float64)]),
    ("oxide", 72, [("Source", .string), ("Lot", .string), ("Wafer", .string), ("Site", .string), ("Thickness", .float64)]),
    ("pastes", 60, [("batch", .string), ("cask", .string), ("strength", .float64)]),
    ("penicillin", 144, [("plate", .string), ("sample", .string), ("diameter", .int8)]),
    ("sleepstudy", 180, [("subj", .string), ("days", .int8), ("reaction", .float64)]),
    ("verbagg", 7584, [("subj", .string), ("item", .string), ("anger", .int8), ("gender", .string), ("btype", .string),
                       ("situ", .string), ("mode", .string), ("resp", .string), ("r2", .string)]),
]

private func numbers(_ t: DataTable, _ name: String) throws -> [Double] {
    try #require(try t.column(name).doubles)
}

private func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

private func levels(_ t: DataTable, _ name: String) throws -> [String] {
    guard case .string(let v) = try t.column(name).values else { return [] }
    return Array(Set(v)).sorted()
}

@Suite struct DatasetLoadingTests {
    @Test func namesListsAllSixteenSorted() {
        let names = Datasets.names()
        #expect(names == expectedShapes.map(\.name))
        #expect(names == names.sorted())
    }

    @Test(arguments: expectedShapes.map(\.name))
    func shapeMatchesReadme(name: String) throws {
        let expected = try #require(expectedShapes.first { $0.name == name })
        let t = try Datasets.load(name)
        #expect(t.rowCount == expected.rows)
        #expect(t.columnNames == expected.columns.map(\.0))
        #expect(t.columns.map(\.elementType) == expected.columns.map(\.1))
        #expect(t.columns.allSatisfy { !$0.hasMissing })
    }

    @Test func statisticsMatchReadme() throws {
        let dy = try numbers(try Datasets.load("dyestuff"), "yield")
        #expect(mean(dy) == 1527.5 && dy.min() == 1440 && dy.max() == 1635)
        let dy2 = try numbers(try Datasets.load("dyestuff2"), "yield")
        #expect(abs(mean(dy2) - 5.6656) < 5e-5 && dy2.min() == -0.892 && dy2.max() == 13.434)
        let pastes = try Datasets.load("pastes")
        let strength = try numbers(pastes, "strength")
        #expect(abs(mean(strength) - 60.0533) < 5e-5 && strength.min() == 54.2 && strength.max() == 66.0)
        #expect(try levels(pastes, "batch") == ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"])
        #expect(try levels(pastes, "cask") == ["a", "b", "c"])
        let inst = try Datasets.load("insteval")
        #expect(abs(mean(try numbers(inst, "y")) - 3.20574) < 5e-6)
        #expect(try levels(inst, "s").count == 2972 && levels(inst, "d").count == 1128 && levels(inst, "dept").count == 14)
        #expect(abs(mean(try numbers(try Datasets.load("penicillin"), "diameter")) - 22.9722) < 5e-5)
        let contra = try Datasets.load("contra")
        #expect(abs(mean(try numbers(contra, "age")) - 0.00204757) < 5e-9)
        #expect(try levels(contra, "livch") == ["0", "1", "2", "3+"] && levels(contra, "dist").count == 60)
        let sleep = try numbers(try Datasets.load("sleepstudy"), "days")
        #expect(sleep.min() == 0 && sleep.max() == 9)
        #expect(try levels(try Datasets.load("sleepstudy"), "subj").count == 18)
        // Totals cross-checked with pyarrow.
        #expect(try numbers(try Datasets.load("cbpp"), "incid").reduce(0, +) == 99)
        #expect(try numbers(try Datasets.load("cbpp"), "hsz").reduce(0, +) == 842)
        #expect(try levels(try Datasets.load("ergostool"), "type") == ["T1", "T2", "T3", "T4"])
        #expect(try levels(try Datasets.load("grouseticks"), "year") == ["1995", "1996", "1997"])
        #expect(try levels(try Datasets.load("machines"), "Machine") == ["A", "B", "C"])
        #expect(try levels(try Datasets.load("mmec"), "county").count == 354)
        #expect(try levels(try Datasets.load("oxboys"), "Subj").count == 26)
        #expect(try levels(try Datasets.load("oxide"), "Lot").count == 8)
        let verbagg = try Datasets.load("verbagg")
        #expect(try levels(verbagg, "r2") == ["N", "Y"] && levels(verbagg, "item").count == 24)
    }

    @Test func loadIsCaseInsensitive() throws {
        #expect(try Datasets.load("SleepStudy") == Datasets.load("sleepstudy"))
    }

    @Test func unknownDatasetListsNamesAndSuggests() {
        do {
            _ = try Datasets.load("sleepstudie")
            Issue.record("expected an error")
        } catch let error as DataReadError {
            let text = error.description
            #expect(text.contains("unknown dataset :sleepstudie"))
            #expect(text.contains("Did you mean :sleepstudy?"))
            #expect(text.contains("dyestuff, dyestuff2, ergostool"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func directoryFoundFromSourceTree() throws {
        let dir = try Datasets.directory()
        #expect(FileManager.default.fileExists(atPath: dir + "/pastes.arrow"))
    }
}

/// The CSV copies in datasets/ carry no types: integers read back as Int64 (yield is Int16 in Arrow), and
/// labels made of digits (grouseticks `year`, cbpp `period`) are inferred as integers. So values are compared as
/// numbers for numeric columns and as their printed labels for string columns, not by element type.
@Suite struct CSVArrowAgreementTests {
    @Test(arguments: expectedShapes.map(\.name))
    func csvAndArrowCopiesAgree(name: String) throws {
        let csvPath = try Datasets.directory() + "/\(name).csv"
        try #require(FileManager.default.fileExists(atPath: csvPath), "missing \(csvPath)")
        let csv = try readCSV(path: csvPath)
        let arrow = try Datasets.load(name)
        #expect(csv.columnNames == arrow.columnNames)
        #expect(csv.rowCount == arrow.rowCount)
        for a in arrow.columns {
            let c = try csv.column(a.name)
            if a.elementType == .string {
                let same = c.labels == a.labels
                #expect(same, "column \(a.name)")
            } else {
                let same = c.doubles == a.doubles
                #expect(same, "column \(a.name)")
                #expect(c.elementType.isInteger == a.elementType.isInteger, "column \(a.name)")
            }
        }
    }
}
