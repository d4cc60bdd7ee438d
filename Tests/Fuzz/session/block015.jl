(string(1, "a", :b), String(:sym), Symbol("s"), repr("q"), uppercase("ab"), lowercase("AB"), join(["a", "b"], ", "))
