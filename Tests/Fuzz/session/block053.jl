n, p, q, k = size(fm2)
