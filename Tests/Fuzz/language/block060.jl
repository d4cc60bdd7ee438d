fm2.σ
