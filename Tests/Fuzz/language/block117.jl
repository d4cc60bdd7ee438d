@benchmark sum($x)
