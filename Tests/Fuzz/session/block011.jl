(sin(0), cos(0), tan(0), atan(1) * 4, isnan(NaN), float(3), Int(3.0), Float64(2))
