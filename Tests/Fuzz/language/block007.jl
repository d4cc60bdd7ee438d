@formula(y ~ 1 + a + b + (1 + a + b | g))
