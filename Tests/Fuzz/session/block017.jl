(typeof(1), typeof(1.0), typeof("s"), typeof(:s), isnothing(nothing), ismissing(missing))
