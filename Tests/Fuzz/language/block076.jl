using Statistics   # accepted, no effect
(1, 2.5, "text", :symbol, true, nothing)
