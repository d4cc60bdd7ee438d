import MixedModels
print("mixedmodels")
