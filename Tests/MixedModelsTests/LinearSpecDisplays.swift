import SpecFixtures

/// The spec's printed summaries of its linear mixed models (shared/spec/mixedmodels-docs.txt), by the spec line of
/// the code that prints them.
enum LinearSpecDisplays {
    static var fm1: String { specOutput(line: 82) }
    static var fm1reml: String { specOutput(line: 120) }
    static var fm2: String { specOutput(line: 161) }
    static var fm3: String { specOutput(line: 187) }
    static var fm4a: String { specOutput(line: 221) }
    static var fm5: String { specOutput(line: 266) }
    static var zerocorr: String { specOutput(line: 320) }
    static var zerocorrSeparate: String { specOutput(line: 343) }
    static var dummy: String { specOutput(line: 366) }
    static var dummySeparate: String { specOutput(line: 406) }
    static var fulldummy: String { specOutput(line: 458) }
    static var dummyZerocorr: String { specOutput(line: 501) }
    static var dummyZerocorrSeparate: String { specOutput(line: 538) }
    static var fulldummyZerocorr: String { specOutput(line: 575) }
    static var fm4r: String { specOutput(line: 1151) }
}
