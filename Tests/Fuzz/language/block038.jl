dof(fm1)   # 1 fixed effect, 2 variances
