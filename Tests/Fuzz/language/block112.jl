(varest(m), sdest(m), m.σ, m.θ)
