VarCorr(m)
