(abs(-2), abs2(3), ceil(2.5), floor(2.5), round(2.567, digits=2), round(1234.5, sigdigits=2))
