(coef(m), coefnames(m), fixef(m), fixefnames(m), stderror(m), pvalues(m)[2])
