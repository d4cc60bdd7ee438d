read_arrow("data/dyestuff-copy.arrow")
