(Bernoulli(), Binomial(), Poisson(), LogitLink())
