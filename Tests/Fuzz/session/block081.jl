using DataFrames, MixedModels, StatsModels
dyestuff = MixedModels.dataset(:dyestuff)
