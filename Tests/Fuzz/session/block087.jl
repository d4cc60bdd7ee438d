vcov(m)
