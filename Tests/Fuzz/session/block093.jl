x = [3.0, 1.0, 2.0, 2.0]
(length(x), isempty(x), first(x), last(x), only([42]), size(x))
