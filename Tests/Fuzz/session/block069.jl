stderror(gm1)
