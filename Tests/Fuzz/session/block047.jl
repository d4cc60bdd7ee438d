gm1.β
