term(:y) ~ term(1) + term(:x)
