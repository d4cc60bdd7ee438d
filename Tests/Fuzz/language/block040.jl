loglikelihood(gm1)
