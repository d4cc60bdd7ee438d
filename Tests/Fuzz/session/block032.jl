coeftable(fm2)
