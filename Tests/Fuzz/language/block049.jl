propertynames(fm1)
