w = [1, 2]
push!(w, 3)
(w, values(Dict(:k => 1)))
