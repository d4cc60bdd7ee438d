# lme4's side of `mixedmodels-bench scale` (issue 12): fits data sets written by
#   mixedmodels-bench export N SEED FILE [crossed|bernoulli|longitudinal]
# with the same model and criterion (ML; Laplace for the Bernoulli fit) and prints, per file, CPU and wall time,
# function evaluations (glmer: its second stage's), the deviance and θ.
#
#   Rscript scripts/lme4-scale.R crossed:/tmp/c1e5.csv bernoulli:/tmp/b1e5.csv longitudinal:/tmp/l1e6.csv
suppressPackageStartupMessages(library(lme4))
for (argument in commandArgs(trailingOnly = TRUE)) {
  parts <- strsplit(argument, ":", fixed = TRUE)[[1]]
  kind <- parts[1]
  file <- parts[2]
  data <- read.csv(file, colClasses = c(x = "numeric", y = "numeric"))
  for (g in setdiff(names(data), c("x", "y"))) data[[g]] <- factor(data[[g]])
  timing <- system.time(fit <- switch(kind,
    crossed = lmer(y ~ 1 + x + (1 | user) + (1 | item), data, REML = FALSE),
    longitudinal = lmer(y ~ 1 + x + (1 + x | subj), data, REML = FALSE),
    bernoulli = glmer(y ~ 1 + x + (1 | user) + (1 | item), data, family = binomial)))
  evaluations <- fit@optinfo$feval
  # −2 log-likelihood; for Bernoulli responses that is the Laplace deviance the engine minimizes.
  deviance <- -2 * as.numeric(logLik(fit))
  cat(sprintf("%-14s n=%-8d CPU %8.2f s  wall %8.2f s  feval %4d  deviance %.6f  theta %s\n", kind, nrow(data),
              timing[["user.self"]] + timing[["sys.self"]], timing[["elapsed"]], evaluations, deviance,
              paste(sprintf("%.5f", getME(fit, "theta")), collapse = ", ")))
  messages <- fit@optinfo$conv$lme4$messages
  if (length(messages) > 0) cat("  lme4:", paste(messages, collapse = "; "), "\n")
}
