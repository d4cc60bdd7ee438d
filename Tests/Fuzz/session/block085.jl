vcov(fm2)
