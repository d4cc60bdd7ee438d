nobs(fm1)  # 30 observations
