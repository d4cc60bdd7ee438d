(sum(x), prod(x), mean(x), median(x), var(x), std(x))
