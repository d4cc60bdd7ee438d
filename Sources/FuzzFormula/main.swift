// Fuzzes the formula parser and lowering, then the model frame and model construction on three small data sets
// (numeric, categorical and nested columns), which reach contrasts, rank checks and random-effects terms.
import DataTables
import FuzzSupport
import MixedModels

let tables = ["sleepstudy", "pastes", "cbpp"].compactMap { try? Datasets.load($0) }
precondition(tables.count == 3, "the bundled data sets were not found (set MIXEDMODELS_DATASETS)")

FuzzDriver.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    let formula: Formula
    do {
        formula = try Formula(text)
    } catch {
        _ = "\(error)"
        return
    }
    _ = formula.description
    for table in tables {
        do {
            let frame = try ModelFrame(formula, data: table)
            _ = try LinearMixedModel(frame: frame, formulaText: formula.description)
        } catch {
            _ = "\(error)"
        }
    }
}
