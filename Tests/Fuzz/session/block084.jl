varest(fm2)
