string.(["a", "b"], "&", ["x", "y"])
