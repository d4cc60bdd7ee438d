sdest(fm2)
