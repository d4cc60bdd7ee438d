VarCorr(fm2)
