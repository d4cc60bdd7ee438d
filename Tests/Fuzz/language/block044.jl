coef(fm1)
coefnames(fm1)
