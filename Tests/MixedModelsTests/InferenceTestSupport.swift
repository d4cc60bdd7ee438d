import DataTables
import JuliaRandom
@testable import MixedModels

/// Models of the bundled data sets, built through the formula parser.
enum InferenceModels {
    static func linear(_ formula: String, _ data: String, reml: Bool = false) throws -> LinearMixedModel {
        let f = try Formula(formula)
        let m = try LinearMixedModel(frame: try modelFrame(f, data: try Datasets.load(data)),
                                     formulaText: f.description)
        return try m.fit(reml: reml)
    }
}
