n = nobs(fm1);
fixef(fm1)
