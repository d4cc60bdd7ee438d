fixef(fm1)
fixefnames(fm1)
