"""Second method for the cohort retention heat map (`clv history`, issue 17): pandas over an order file.

Cohort = calendar month (UTC) of a customer's first order; k = months between an order's month and the
cohort month; retention(cohort, k) = distinct customers of the cohort ordering in month k / cohort size.
Months after the data's last month are not observed (printed as blank).

    python3 Scripts/reference/cohort_retention.py Tests/UpshellShellTests/Golden/cohort_orders.csv
"""
import sys

import pandas as pd

orders = pd.read_csv(sys.argv[1], parse_dates=["date"])
orders["month"] = orders["date"].dt.to_period("M")
first = orders.groupby("customer_id")["month"].min().rename("cohort")
orders = orders.join(first, on="customer_id")
orders["k"] = (orders["month"] - orders["cohort"]).apply(lambda offset: offset.n)
size = first.value_counts().sort_index()
active = orders.groupby(["cohort", "k"])["customer_id"].nunique()
last = orders["month"].max()
months = (last - size.index.min()).n + 1
for cohort, n in size.items():
    cells = []
    for k in range(months):
        observed = (last - cohort).n >= k
        share = active.get((cohort, k), 0) / n
        cells.append(f"{share:.6f}" if observed else "")
    print(cohort, n, " ".join(c or "-" for c in cells))
