(min(3, 1, 2), max(3, 1, 2), minimum([3, 1, 2]), maximum([3, 1, 2]))
