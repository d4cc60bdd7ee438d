ranef(fm1)
