(size(only(ranef(m))), size(only(condVar(m))), propertynames(only(raneftables(m))))
