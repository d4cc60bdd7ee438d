fm1.beta
