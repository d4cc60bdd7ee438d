(sort(x), reverse(x), unique(x), cumsum(x))
