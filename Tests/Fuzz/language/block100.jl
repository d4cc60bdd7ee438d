(names(scores), sum(scores.score))
