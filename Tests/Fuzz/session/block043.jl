fm1.b
