stderror(fm2)
