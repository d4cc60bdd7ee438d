d = Dict{Symbol,Float64}()
d[:b] = 2.0
d[:a] = 1.0
(length(d), haskey(d, :a), get(d, :c, 0.0), sort(collect(keys(d))))
