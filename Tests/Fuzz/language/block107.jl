(dof(m), nobs(m), dof_residual(m), issingular(m), lowerbd(m))
