loglikelihood(fm1)
