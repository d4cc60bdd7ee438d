n, p, q, k = size(fm1)
