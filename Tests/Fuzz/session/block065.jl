scores = DataFrame(read_csv("data/scores.csv"))
