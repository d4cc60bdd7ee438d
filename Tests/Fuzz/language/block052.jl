vcov(gm1)
