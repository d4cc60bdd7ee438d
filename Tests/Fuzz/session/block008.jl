(map(abs2, [1, 2, 3]), filter(isnan, [1.0, NaN]), eltype([1.0, 2.0]))
