b = @benchmarkable sort($x);
typeof(run(b))
