propertynames(gm1)
