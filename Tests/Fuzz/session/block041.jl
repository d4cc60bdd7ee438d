f = @formula(y ~ 1 + x + zerocorr(1 + x | g) + (1 | h))
