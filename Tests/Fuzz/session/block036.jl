describe(DataFrame(dyestuff))
