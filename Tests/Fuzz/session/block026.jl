VarCorr(gm1)
