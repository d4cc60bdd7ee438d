import DataTables
import Foundation
import Testing
@testable import MixedModels

/// Every kind of bad input to a GLMM gives a clear thrown error.
@Suite("GLMM bad input")
struct GeneralizedBadInputTests {
    /// y, a numeric covariate x and a grouping factor g with 6 levels.
    static func table(y: [Double]) throws -> DataTable {
        let n = y.count
        return try DataTable(columns: [
            Column(name: "y", doubles: y),
            Column(name: "x", doubles: (0..<n).map { Double($0 % 5) - 2 }),
            Column(name: "g", strings: (0..<n).map { "G\($0 % 6)" }),
            Column(name: "h", strings: (0..<n).map { "H\($0 % 4)" }),
        ])
    }

    static let counts: [Double] = [0, 1, 3, 2, 0, 5, 1, 1, 4, 0, 2, 3, 6, 1, 0, 2, 2, 1, 0, 3, 1, 4, 2, 1]
    static let binary: [Double] = [0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, 0]

    static func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch { return String(describing: error) }
        return nil
    }

    @Test func bernoulliResponseOutsideZeroOne() throws {
        var y = Self.binary
        y[3] = 2
        let error = Self.message {
            _ = try GeneralizedLinearMixedModel(formula: Formula("y ~ 1 + x + (1|g)"), data: Self.table(y: y),
                                                family: .bernoulli)
        }
        #expect(error?.contains("Bernoulli response must be 0 or 1") == true)
        #expect(error?.contains("row 4") == true)
    }

    @Test func stringResponseWithMoreThanTwoLevels() throws {
        let error = Self.message {
            _ = try GeneralizedLinearMixedModel(formula: Formula("resp ~ 1 + anger + (1|subj)"),
                                                data: dataset("verbagg"), family: .bernoulli)
        }
        #expect(error?.contains("3 levels") == true)
    }

    @Test func negativePoissonCounts() throws {
        var y = Self.counts
        y[5] = -1
        let error = Self.message {
            _ = try GeneralizedLinearMixedModel(formula: Formula("y ~ 1 + x + (1|g)"), data: Self.table(y: y),
                                                family: .poisson)
        }
        #expect(error?.contains("Poisson response must be a count ≥ 0") == true)
    }

    @Test func weightsOfWrongLengthOrNegative() throws {
        let data = try Self.table(y: Self.binary)
        let formula = try Formula("y ~ 1 + x + (1|g)")
        let short = Self.message {
            _ = try GeneralizedLinearMixedModel(formula: formula, data: data, family: .binomial,
                                                weights: [Double](repeating: 1, count: 5))
        }
        #expect(short?.contains("5 weights given for a table of 24 rows") == true)
        var weights = [Double](repeating: 2, count: 24)
        weights[7] = -1
        let negative = Self.message {
            _ = try GeneralizedLinearMixedModel(formula: formula, data: data, family: .binomial, weights: weights)
        }
        #expect(negative?.contains("non-negative; row 8") == true)
        let offset = Self.message {
            _ = try GeneralizedLinearMixedModel(formula: formula, data: data, family: .bernoulli, offset: [1, 2])
        }
        #expect(offset?.contains("2 offsets given") == true)
    }

    @Test func quadratureNeedsOneScalarTerm() throws {
        let data = try Self.table(y: Self.counts)
        let vector = Self.message {
            _ = try fitGeneralizedLinearMixedModel(Formula("y ~ 1 + x + (1 + x|g)"), data, .poisson, nAGQ: 5)
        }
        #expect(vector?.contains("single scalar random-effects term") == true)
        #expect(vector?.contains("has 2 columns") == true)
        let several = Self.message {
            _ = try fitGeneralizedLinearMixedModel(Formula("y ~ 1 + x + (1|g) + (1|h)"), data, .poisson, nAGQ: 3)
        }
        #expect(several?.contains("2 random-effects terms") == true)
        let zero = Self.message {
            _ = try fitGeneralizedLinearMixedModel(Formula("y ~ 1 + (1|g)"), data, .poisson, nAGQ: 0)
        }
        #expect(zero?.contains("nAGQ must be a positive integer") == true)
    }

    @Test func invalidLinkForFamily() throws {
        let error = Self.message {
            _ = try GeneralizedLinearMixedModel(formula: Formula("y ~ 1 + x + (1|g)"),
                                                data: Self.table(y: Self.binary), family: .bernoulli, link: .log)
        }
        #expect(error == "the link LogLink() is not valid for the Bernoulli{Float64} family")
    }

    @Test func pirlsThatCannotReduceTheDevianceThrows() throws {
        // An identity link lets μ go negative: from there no step reduces the (undefined) deviance.
        let m = try GeneralizedLinearMixedModel(formula: Formula("y ~ 1 + x + (1|g)"),
                                                data: Self.table(y: Self.counts), family: .poisson, link: .identity)
        m.setBeta([-5, 0][...])
        #expect(throws: GLMMError.self) { try m.pirls(varyBeta: false) }
        let error = Self.message { try m.pirls(varyBeta: false) }
        #expect(error?.hasPrefix("PIRLS failed") == true)
    }

    @Test func constantResponseCannotBeFit() throws {
        let m = try GeneralizedLinearMixedModel(formula: Formula("y ~ 1 + (1|g)"),
                                                data: Self.table(y: [Double](repeating: 1, count: 24)),
                                                family: .poisson)
        #expect(Self.message { try m.fit() }?.contains("constant") == true)
    }
}
