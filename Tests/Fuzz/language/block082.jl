round(pi; digits=3)
