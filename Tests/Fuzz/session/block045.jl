fm1.β
