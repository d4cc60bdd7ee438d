import NotebookProcessing
print("mixedmodels")
