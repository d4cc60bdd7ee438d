(sqrt(16), exp(0), expm1(0.0), log(1), log10(1000), log2(8), log1p(0.0))
