import Testing
@testable import TextDisplay

@Suite struct ArrayDisplayTests {
    @Test func longVectorElidesMiddleRows() {
        let text = JuliaArrayDisplay.vector(Array(repeating: 0.15650534082766315, count: 30))
        let row = " 0.15650534082766315"
        let expected = (["30-element Vector{Float64}:"] + Array(repeating: row, count: 10) + [" ⋮"]
                        + Array(repeating: row, count: 9)).joined(separator: "\n")
        #expect(text == expected)
    }

    @Test func vectorAlignsOnDecimalPoint() {
        let beta = [-0.15262587614271778, 0.057383652955092006, 0.3206338746900981, -1.0599299278921983,
                    -2.1039198441853832, -1.0543571545244896, 0.7069786443049767]
        #expect(JuliaArrayDisplay.vector(beta) == """
            7-element Vector{Float64}:
             -0.15262587614271778
              0.057383652955092006
              0.3206338746900981
             -1.0599299278921983
             -2.1039198441853832
             -1.0543571545244896
              0.7069786443049767
            """)
        #expect(JuliaArrayDisplay.vector([1527.4999999999989]) == "1-element Vector{Float64}:\n 1527.4999999999989")
    }

    @Test func stringAndIntegerVectors() {
        #expect(JuliaArrayDisplay.vector(["(Intercept)"]) == "1-element Vector{String}:\n \"(Intercept)\"")
        #expect(JuliaArrayDisplay.vector([5, -12, 300]) == "3-element Vector{Int64}:\n   5\n -12\n 300")
        #expect(JuliaArrayDisplay.vector([String]()) == "String[]")
        #expect(JuliaArrayDisplay.vector(elementTypeName: "Bool", elements: [.bool(true), .bool(false)])
                == "2-element Vector{Bool}:\n  true\n false")
    }

    @Test func smallMatrixIsCompact() {
        let vcov = [[43.98679, -1.370389], [-1.370389, 2.256711]]
        #expect(JuliaArrayDisplay.matrix(vcov) == """
            2×2 Matrix{Float64}:
             43.9868   -1.37039
             -1.37039   2.25671
            """)
    }

    @Test func wideMatrixElidesMiddleColumns() {
        let lower: [[Double]] = [
            [0.148399],
            [-0.00561503, 0.000280663],
            [-0.00982367, 7.19131e-5, 0.0365612],
            [-0.0167986, -1.43707e-5, -9.25591e-5, 0.0339138],
            [-0.0166226, -2.90546e-5, -0.000162382, 0.0174213, 0.0347882],
            [-0.0112071, -1.4796e-5, -8.04376e-5, 0.000265804, 0.000658965, 0.0228593],
            [-0.0113468, 1.02407e-5, 5.25843e-5, -0.000172099, -0.000520522, -0.000247781, 0.0228028],
        ]
        let full = (0..<7).map { i in (0..<7).map { j in i >= j ? lower[i][j] : lower[j][i] } }
        #expect(JuliaArrayDisplay.matrix(full) == """
            7×7 Matrix{Float64}:
              0.148399    -0.00561503   -0.00982367   …  -0.0112071    -0.0113468
             -0.00561503   0.000280663   7.19131e-5      -1.4796e-5     1.02407e-5
             -0.00982367   7.19131e-5    0.0365612       -8.04376e-5    5.25843e-5
             -0.0167986   -1.43707e-5   -9.25591e-5       0.000265804  -0.000172099
             -0.0166226   -2.90546e-5   -0.000162382      0.000658965  -0.000520522
             -0.0112071   -1.4796e-5    -8.04376e-5   …   0.0228593    -0.000247781
             -0.0113468    1.02407e-5    5.25843e-5      -0.000247781   0.0228028
            """)
    }

    @Test func tallWideMatrixUsesAllThreeDots() {
        let rows = (0..<30).map { i in (0..<40).map { j in Double(i * 100 + j) } }
        let lines = JuliaArrayDisplay.matrix(rows).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 1 + 10 + 1 + 9)
        #expect(lines[0] == "30×40 Matrix{Float64}:")
        #expect(lines[11].contains("⋱"))
        #expect(lines[1].contains("…") && lines[6].contains("…") && !lines[12].contains("…"))
        #expect(lines.allSatisfy { $0.unicodeScalars.count <= 80 })
    }

    @Test func inlineForms() {
        let b = [-16.628221011733622, 0.36951602248394705, 26.974704869, -21.8014, 53.57982326003441,
                 -42.49434258554293].map { JuliaElement.float($0) }
        #expect(JuliaArrayDisplay.inlineMatrix([b])
                == "[-16.628221011733622 0.36951602248394705 … 53.57982326003441 -42.49434258554293]")
        let slices = Array(repeating: [[JuliaElement.float(362.3104675622471)]], count: 6)
        #expect(JuliaArrayDisplay.inlineArray3(slices: slices) == "[" + Array(repeating: "362.3104675622471",
                count: 6).joined(separator: ";;; ") + "]")
        #expect(JuliaArrayDisplay.inlineArray3(slices: [[[.float(1)]]]) == "[1.0;;;]")
        #expect(JuliaArrayDisplay.inlineMatrix([[.float(1)], [.float(2)]]) == "[1.0; 2.0;;]")
        #expect(JuliaArrayDisplay.inlineMatrix([[.integer(1), .integer(2)], [.integer(3), .integer(4)]])
                == "[1 2; 3 4]")
        let tall = (1...6).map { [JuliaElement.integer($0)] }
        #expect(JuliaArrayDisplay.inlineMatrix(tall) == "[1; 2; … ; 5; 6;;]")
        #expect(JuliaArrayDisplay.inlineVector((1...3).map { .float(Double($0)) }) == "[1.0, 2.0, 3.0]")
        #expect(JuliaArrayDisplay.inlineVector((1...25).map { .integer($0) })
                == "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10  …  16, 17, 18, 19, 20, 21, 22, 23, 24, 25]")
    }

    @Test func nestedVectorOfMatrices() {
        let inline = JuliaArrayDisplay.inlineMatrix([[.float(-16.628221011733622), .float(0.36951602248394705)]])
        #expect(JuliaArrayDisplay.vector(elementTypeName: "Matrix{Float64}", elements: [.text(inline)])
                == "1-element Vector{Matrix{Float64}}:\n [-16.628221011733622 0.36951602248394705]")
    }

    @Test func labelledSlices() {
        let slices: [[[JuliaElement]]] = [[[.float(1.5)]], [[.float(2.5)]]]
        #expect(JuliaArrayDisplay.array3(elementTypeName: "Float64", slices: slices)
                == "1×1×2 Array{Float64, 3}:\n[:, :, 1] =\n 1.5\n\n[:, :, 2] =\n 2.5")
    }
}

@Suite struct RaggedInputTests {
    @Test func raggedRowsArePaddedNotCrashing() {
        let text = JuliaArrayDisplay.matrix(elementTypeName: "Float64", rows: [[.float(1), .float(2)], [.float(3)]])
        #expect(text == "2×2 Matrix{Float64}:\n 1.0  2.0\n 3.0   #undef")
        #expect(JuliaArrayDisplay.inlineMatrix([[.integer(1), .integer(2)], []]) == "[1 2; #undef #undef]")
        let slices: [[[JuliaElement]]] = [[[.float(1)], [.float(2)]], [[.float(3)]]]
        #expect(JuliaArrayDisplay.array3(elementTypeName: "Float64", slices: slices).hasSuffix("[:, :, 2] =\n 3.0"))
    }
}
