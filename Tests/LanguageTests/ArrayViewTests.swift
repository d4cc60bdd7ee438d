import Testing
@testable import MixedModelsLanguage

/// `view`, `A'` and `transpose`: Julia's lazy wrappers, whose writes reach the parent and whose reads see it.
@Suite struct ArrayViewTests {
    private func run(_ session: Session, _ code: String) -> String {
        let result = session.run(code, file: "nb.md", firstLine: 1, timeout: 30)
        #expect(result.error == nil, "\(code): \(result.output)")
        return result.output
    }

    @Test func aViewWritesThroughAndSeesItsParent() {
        let s = Session(baseDirectory: "/tmp")
        _ = run(s, "A = [1.0 2.0; 3.0 4.0]\nv = view(A, 1, :);")
        _ = run(s, "v[2] = 10.0")
        #expect(run(s, "A[1, 2]") == "10.0")
        _ = run(s, "A[1, 1] = 5.0")
        #expect(run(s, "v[1]") == "5.0")
        _ = run(s, "v .= 0;")
        #expect(run(s, "A") == "2×2 Matrix{Float64}:\n 0.0  0.0\n 3.0  4.0")
        #expect(run(s, "v") == "2-element view(::Matrix{Float64}, 1, :) with eltype Float64:\n 0.0\n 0.0")
        #expect(run(s, "typeof(v)")
                == "SubArray{Float64, 1, Matrix{Float64}, Tuple{Int64, Base.Slice{Base.OneTo{Int64}}}, true}")
        #expect(run(s, "typeof(view(A, [2, 1], :))")
                == "SubArray{Float64, 2, Matrix{Float64}, Tuple{Vector{Int64}, Base.Slice{Base.OneTo{Int64}}}, false}")
        #expect(run(s, "sum(view(A, :, 2))") == "4.0")
        #expect(run(s, "fill!(view(A, 2, :), 1.0); A[2, :]") == "2-element Vector{Float64}:\n 1.0\n 1.0")
        #expect(run(s, "parent(v) === A") == "true")
        #expect(run(s, "v isa Vector") == "false")
    }

    @Test func adjointAndTransposeAreViews() {
        let s = Session(baseDirectory: "/tmp")
        _ = run(s, "x = [1.0, 2.0, 3.0]")
        #expect(run(s, "x'") == "1×3 adjoint(::Vector{Float64}) with eltype Float64:\n 1.0  2.0  3.0")
        #expect(run(s, "typeof(x')") == "Adjoint{Float64, Vector{Float64}}")
        #expect(run(s, "x' * x") == "14.0")
        #expect(run(s, "x'' === x") == "true")
        _ = run(s, "M = [1 2; 3 4]\nT = transpose(M)\nT[1, 2] = 30;")
        #expect(run(s, "M") == "2×2 Matrix{Int64}:\n  1  2\n 30  4")
        #expect(run(s, "T") == "2×2 transpose(::Matrix{Int64}) with eltype Int64:\n 1  30\n 2   4")
        #expect(run(s, "copy(T)") == "2×2 Matrix{Int64}:\n 1  30\n 2   4")
    }
}
