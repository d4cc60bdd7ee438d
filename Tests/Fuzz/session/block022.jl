DataFrame(only(raneftables(fm1)))
