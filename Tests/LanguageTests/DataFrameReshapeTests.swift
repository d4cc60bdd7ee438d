import Testing
@testable import MixedModelsLanguage

/// `rightjoin`, `outerjoin`, `stack`, `unstack` and broadcasting assignment into a column (`df.col .= v`).
@Suite struct DataFrameReshapeTests {
    private func session(_ setup: String) -> Session {
        let s = Session(baseDirectory: "/tmp")
        let result = s.run(setup, file: "nb.md", firstLine: 1, timeout: 30)
        #expect(result.error == nil, "\(result.output)")
        return s
    }

    private func output(_ s: Session, _ code: String) -> String {
        let result = s.run(code, file: "nb.md", firstLine: 20, timeout: 30)
        #expect(result.error == nil, "\(code): \(result.output)")
        return result.output
    }

    @Test func rightAndOuterJoinsKeepUnmatchedRows() {
        let s = session("l = DataFrame(id = [1, 2], a = [\"x\", \"y\"])\nr = DataFrame(id = [2, 3], b = [1.5, 2.5])")
        _ = output(s, "o = outerjoin(l, r, on = :id);")
        #expect(output(s, "o.id") == "3-element Vector{Int64}:\n 2\n 1\n 3")
        #expect(output(s, "isequal(o.a, [\"y\", \"x\", missing])") == "true")
        #expect(output(s, "isequal(o.b, [1.5, missing, 2.5])") == "true")
        #expect(output(s, "eltype(o.a)") == "Union{Missing, String}")
        _ = output(s, "rj = rightjoin(l, r, on = :id);")
        #expect(output(s, "rj.id") == "2-element Vector{Int64}:\n 2\n 3")
        #expect(output(s, "isequal(rj.a, [\"y\", missing])") == "true")
        #expect(output(s, "eltype(rj.b)") == "Float64")
        #expect(output(s, "nrow(innerjoin(l, r, on = :id))") == "1")
    }

    @Test func stackAndUnstackAreInverse() {
        let s = session("df = DataFrame(id = [1, 2], x = [1.0, 2.0], y = [3.0, 4.0])")
        _ = output(s, "long = stack(df, [:x, :y]);")
        #expect(output(s, "names(long)") == "3-element Vector{String}:\n \"id\"\n \"variable\"\n \"value\"")
        #expect(output(s, "long.id == [1, 2, 1, 2] && long.variable == [\"x\", \"x\", \"y\", \"y\"]") == "true")
        #expect(output(s, "long.value == [1.0, 2.0, 3.0, 4.0]") == "true")
        #expect(output(s, "names(stack(df; variable_name = :k, value_name = :v))")
                == "3-element Vector{String}:\n \"id\"\n \"k\"\n \"v\"")
        _ = output(s, "wide = unstack(long, :id, :variable, :value);")
        #expect(output(s, "names(wide)") == "3-element Vector{String}:\n \"id\"\n \"x\"\n \"y\"")
        #expect(output(s, "isequal(wide.y, [3.0, 4.0]) && string(eltype(wide.y)) == \"Union{Missing, Float64}\"") == "true")
        let partial = output(s, "isequal(unstack(long[1:3, :], :variable, :value).y, [3.0, missing])")
        #expect(partial == "true")
        let duplicate = s.run("unstack(vcat(long, long), :id, :variable, :value)", file: "nb.md", firstLine: 30,
                              timeout: 30)
        #expect(duplicate.error?.contains("ArgumentError: Duplicate entries in unstack at row 5") == true,
                "\(duplicate.output)")
    }

    @Test func broadcastAssignmentIntoAColumn() {
        let s = session("df = DataFrame(a = [1, 2, 3], b = [1.0, 2.0, 3.0])")
        _ = output(s, "alias = df.b\ndf.b .= 0;")
        #expect(output(s, "df.b") == "3-element Vector{Float64}:\n 0.0\n 0.0\n 0.0")
        _ = output(s, "df.a .+= 10;")
        #expect(output(s, "df.a") == "3-element Vector{Int64}:\n 11\n 12\n 13")
        _ = output(s, "df[!, :c] .= 1.5;")
        #expect(output(s, "df.c") == "3-element Vector{Float64}:\n 1.5\n 1.5\n 1.5")
        _ = output(s, "df[:, :b] .= [7, 8, 9];")
        #expect(output(s, "df.b") == "3-element Vector{Float64}:\n 7.0\n 8.0\n 9.0")
        _ = output(s, "df[!, :a] .= 2.5;")
        #expect(output(s, "eltype(df.a)") == "Float64")
        _ = output(s, "df.d .= \"new\";")
        #expect(output(s, "df.d") == "3-element Vector{String}:\n \"new\"\n \"new\"\n \"new\"")
        let inexact = s.run("df.c .= [1, 2]", file: "nb.md", firstLine: 40, timeout: 30)
        #expect(inexact.error?.contains("DimensionMismatch") == true, "\(inexact.output)")
        let rows = s.run("df[1:2, :a] .= 0", file: "nb.md", firstLine: 40, timeout: 30)
        #expect(rows.error?.contains("needs one whole column") == true, "\(rows.output)")
    }
}
