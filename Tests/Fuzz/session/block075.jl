sum(leverage(fm4r))
