typeof(fm1)
