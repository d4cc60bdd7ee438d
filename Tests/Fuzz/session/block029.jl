aic(fm1)
