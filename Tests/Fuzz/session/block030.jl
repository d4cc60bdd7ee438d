bic(fm1)
