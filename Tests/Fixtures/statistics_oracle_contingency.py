"""Oracle values for the contingency tests (Fisher exact), from scipy 1.17."""
import json
from scipy import stats

tables = [[[3, 2], [5, 0]], [[0, 5], [5, 0]], [[10, 10], [20, 2]], [[1, 9], [11, 3]], [[7, 13], [7, 13]],
          [[0, 4], [0, 4]], [[20, 0], [3, 17]], [[2, 3], [2, 3]], [[50, 45], [60, 35]]]
cases = []
for table in tables:
    for alternative in ["two-sided", "less", "greater"]:
        result = stats.fisher_exact(table, alternative=alternative)
        cases.append({"table": table, "alternative": alternative, "p": float(result.pvalue)})
print(json.dumps({"scipy": __import__("scipy").__version__, "fisher": cases}))
