coeftable(m)
