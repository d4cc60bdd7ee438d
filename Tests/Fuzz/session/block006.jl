(collect(1:4), vcat([1, 2], [3]), zeros(2), ones(2), fill(7, 3), range(1, 3))
