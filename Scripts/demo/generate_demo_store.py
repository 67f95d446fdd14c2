#!/usr/bin/env python3
"""Generates upshell's demo store: order lines, products and customers of a small online shop.

Usage: python3 Scripts/demo/generate_demo_store.py [--seed 20261125] [--out Datasets/demo]

Python 3 standard library only. The same seed always writes byte-identical files. What is planted (cross-sell
pairs, good-better-best tiers, a free-shipping threshold, an A/B test) and what an analysis should find is
written to README.md in the output folder, with the numbers measured on the generated files.
"""

import argparse
import csv
import math
import os
import random
import sys
from datetime import datetime, timedelta

sys.dont_write_bytecode = True  # keep __pycache__ out of the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from demo_catalog import CATEGORIES, PLANTED_PAIRS, TIER_FAMILIES, build_catalog  # noqa: E402
from demo_readme import write_readme  # noqa: E402

DEFAULT_SEED = 20261125
START = datetime(2024, 9, 1)
END = datetime(2026, 9, 1)  # exclusive: data runs through 2026-08-31
THRESHOLD_DATE = datetime(2025, 6, 1)  # free shipping from this day on for subtotals >= THRESHOLD
THRESHOLD = 50.0
SHIPPING_FEE = 4.95
EXPERIMENT_START = datetime(2026, 3, 2)
EXPERIMENT_END = datetime(2026, 6, 8)  # exclusive: fourteen weeks, Monday to Sunday
OFFER_ACCEPT_B = 0.035  # probability that a variant-B order accepts the checkout add-on offer
UPGRADE_PROBABILITY = 0.06  # per later order, for a customer owning a lower tier of a family (once per family)
UPSELL_ACCEPT = 0.12  # a lower tier in the cart is swapped for the next tier when the upsell offer is accepted
EXISTING_SHARE = 0.32  # customers who signed up before the data starts (repeat buyers only)
TOPUP_PROBABILITY = 0.5  # after the threshold: a cart $30–$49.99 is topped up to reach it
N_CUSTOMERS = 5900
GUEST_ORDERS = 14
DUPLICATE_LINES = 11

MONTH_FACTOR = {1: 0.85, 2: 0.80, 3: 0.90, 4: 0.90, 5: 0.95, 6: 0.95, 7: 0.90, 8: 0.95, 9: 1.00, 10: 1.10,
                11: 1.75, 12: 1.60}
WEEKDAY_FACTOR = [1.00, 1.02, 1.02, 1.00, 0.95, 0.98, 1.05]  # Monday … Sunday
HOUR_WEIGHTS = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.2, 3.0, 3.6, 3.8, 4.0, 4.4, 4.2, 3.9, 3.8, 4.0, 4.4, 4.9,
                5.6, 6.0, 5.4, 3.8, 2.2]
COUNTRIES = [("US", 0.52), ("CA", 0.10), ("GB", 0.13), ("DE", 0.08), ("FR", 0.06), ("NL", 0.03), ("AU", 0.05),
             ("IE", 0.03)]
ACQUISITION = [("organic search", 0.34), ("paid search", 0.22), ("social", 0.16), ("email", 0.10),
               ("referral", 0.10), ("marketplace", 0.08)]
ORDER_CHANNEL = [("web", 0.68), ("app", 0.27), ("phone", 0.05)]
# type: (share, orders per year while active, mean active days, extra-item probability, tier shares override)
CUSTOMER_TYPES = {
    "one-time": (0.50, 0.0, 0.0, 0.38, None),
    "casual": (0.33, 2.6, 320.0, 0.40, None),
    "loyal": (0.14, 6.5, 640.0, 0.44, None),
    "vip": (0.03, 13.0, 900.0, 0.58, (0.20, 0.47, 0.33)),
}


def pick(rng, weighted):
    """A value from [(value, weight), …]."""
    total = sum(w for _, w in weighted)
    r = rng.random() * total
    for value, w in weighted:
        r -= w
        if r < 0:
            return value
    return weighted[-1][0]


def intensity(t):
    """Relative order rate at time t: season × growth (+10 % a year) × weekday."""
    years = max(0.0, (t - START).total_seconds() / (365.25 * 86400))
    return MONTH_FACTOR[t.month] * (1 + 0.10 * years) * WEEKDAY_FACTOR[t.weekday()]


MAX_INTENSITY = 1.75 * 1.2 * 1.05


def seasonal_time(rng, lo, hi):
    """A time in [lo, hi) drawn with density ∝ intensity (rejection sampling)."""
    span = (hi - lo).total_seconds()
    while True:
        t = lo + timedelta(seconds=rng.random() * span)
        if rng.random() * MAX_INTENSITY < intensity(t):
            return with_hour(rng, t)


def with_hour(rng, t):
    hour = pick(rng, list(enumerate(HOUR_WEIGHTS)))
    return t.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))


class Store:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.assignment = random.Random(seed + 1)  # experiment arms: their own stream, like a hashing service
        self.products = build_catalog(self.rng)
        self.by_sku = {p.sku: p for p in self.products}
        self.by_name = {p.name: p for p in self.products}
        self.families = {}
        for p in self.products:
            if p.family:
                self.families.setdefault(p.family, {})[p.tier] = p
        self.family_shares = {fam: shares for fam, _c, _b, _t, shares, _w in TIER_FAMILIES}
        self.partner = {}
        self.pair_probability = {}
        for pair_id, _c, _b, (a, _pa, _wa), (b, _pb), prob in PLANTED_PAIRS:
            self.partner[self.by_name[a].sku] = self.by_name[b].sku
            self.pair_probability[self.by_name[a].sku] = prob
        # choices per category: a family counts once with its weight, other products by weight
        self.choices = {}
        for name, _share, _prefix in CATEGORIES:
            entries, seen = [], []
            for p in self.products:
                if p.category != name:
                    continue
                if p.family:
                    if p.family not in seen:
                        seen.append(p.family)
                        entries.append((("family", p.family), p.weight))
                else:
                    entries.append((("product", p.sku), p.weight))
            self.choices[name] = entries
        self.addons = [(p.sku, p.weight) for p in self.products if p.addon and p.price <= 25]
        self.small_items = sorted((p for p in self.products if p.price <= 30 and not p.family),
                                  key=lambda p: (p.price, p.sku))
        self.bulk_items = [(p.sku, p.weight) for p in self.products if p.consumable and p.price <= 15]

    # --- customers -------------------------------------------------------------------------------------------

    def make_customers(self):
        rng = self.rng
        types = [(name, spec[0]) for name, spec in CUSTOMER_TYPES.items()]
        repeat_types = [(name, spec[0]) for name, spec in CUSTOMER_TYPES.items() if spec[1] > 0]
        customers = []
        for _ in range(N_CUSTOMERS):
            if rng.random() < EXISTING_SHARE:  # bought before the data starts; only later orders are in it
                ctype = pick(rng, repeat_types)
                first = seasonal_time(rng, START - timedelta(days=540), START)
                signup = first
            else:
                ctype = pick(rng, types)
                first = seasonal_time(rng, START, END - timedelta(days=1))
                signup = first - timedelta(days=rng.randint(1, 40)) if rng.random() < 0.3 else first
            customers.append({
                "type": ctype, "first": first, "signup": signup,
                "country": pick(rng, COUNTRIES), "channel": pick(rng, ACQUISITION),
                "variant": "A" if self.assignment.random() < 0.5 else "B", "never_ordered": rng.random() < 0.03,
            })
        customers.sort(key=lambda c: (c["signup"], c["first"]))
        for i, c in enumerate(customers, start=1):
            c["id"] = f"C{i:05d}"
        return customers

    def order_times(self, c):
        rng = self.rng
        _share, per_year, mean_days, _extra, _tiers = CUSTOMER_TYPES[c["type"]]
        times = [c["first"]]
        if per_year == 0:
            return times
        stop = min(END, c["first"] + timedelta(days=rng.expovariate(1 / mean_days)))
        rate = per_year / 365.25 * MAX_INTENSITY  # candidate rate per day before thinning
        t = c["first"]
        while True:
            t = t + timedelta(days=rng.expovariate(rate))
            if t >= stop:
                return times
            if rng.random() * MAX_INTENSITY < intensity(t):
                times.append(with_hour(rng, t))

    # --- baskets ---------------------------------------------------------------------------------------------

    def category_weights(self, t):
        weights = []
        for name, share, _prefix in CATEGORIES:
            w = share
            if name == "Outdoor & Travel" and t.month in (5, 6, 7, 8):
                w *= 1.7
            if name == "Home & Living" and t.month in (11, 12):
                w *= 1.5
            if name == "Stationery & Office" and t.month in (8, 9, 1):
                w *= 1.5
            weights.append((name, w))
        return weights

    def choose_product(self, category, tier_shares, family_shares_override):
        kind, key = pick(self.rng, self.choices[category])
        if kind == "product":
            return key
        shares = family_shares_override or self.family_shares[key]
        tier = pick(self.rng, [(1, shares[0]), (2, shares[1]), (3, shares[2])])
        return self.families[key][tier].sku

    def quantity(self, p):
        rng = self.rng
        if not p.consumable:
            return 2 if rng.random() < 0.05 else 1
        r = rng.random()
        return 1 if r < 0.6 else 2 if r < 0.85 else 3 if r < 0.95 else rng.randint(4, 6)

    def build_order(self, c, t, state, variant):
        """Lines of one order as a list of [sku, qty, offer]; updates the customer's owned tiers."""
        rng = self.rng
        ctype = c["type"] if c else "one-time"
        _s, _py, _md, extra, tier_override = CUSTOMER_TYPES[ctype]
        lines = {}
        offers = {}

        def add(sku, qty=None, offer=""):
            p = self.by_sku[sku]
            if sku in lines:
                if p.consumable:
                    lines[sku] += qty or 1
                return
            lines[sku] = qty or self.quantity(p)
            offers[sku] = offer

        if rng.random() < 0.004:  # bulk order (office, event): heavy right tail
            add(pick(rng, self.bulk_items), qty=rng.randint(10, 40))
        else:
            n = 1
            while rng.random() < extra and n < 9:
                n += 1
            category = pick(rng, self.category_weights(t))
            owned_families = state.get("owned", {})
            for i in range(n):
                if i > 0 and rng.random() >= 0.55:
                    category = pick(rng, self.category_weights(t))
                for _attempt in range(4):  # nobody buys a second grinder of the same line by chance
                    sku = self.choose_product(category, None, tier_override)
                    if self.by_sku[sku].family not in owned_families:
                        break
                add(sku)
        # upgrades along a good-better-best path, for customers who own a lower tier
        owned = state.setdefault("owned", {})
        upgraded = state.setdefault("upgraded", [])
        for fam in sorted(owned):
            if owned[fam] < 3 and fam not in upgraded and rng.random() < UPGRADE_PROBABILITY:
                add(self.families[fam][owned[fam] + 1].sku, qty=1)
                upgraded.append(fam)
        # planted cross-sell pairs
        for sku in list(lines):
            if sku in self.partner and rng.random() < self.pair_probability[sku]:
                add(self.partner[sku], qty=1)
        # upsell offer: a lower tier in the cart is swapped for the next tier
        for sku in list(lines):
            p = self.by_sku[sku]
            if p.family and p.tier < 3 and offers[sku] == "" and rng.random() < UPSELL_ACCEPT:
                better = self.families[p.family][p.tier + 1].sku
                if better not in lines:
                    del lines[sku], offers[sku]
                    add(better, qty=1, offer="upsell")
        # always-on cross-sell widget, and the experiment's checkout add-on for variant B
        if rng.random() < 0.04:
            add(pick(rng, self.addons), qty=1, offer="cross-sell")
        if variant == "B" and rng.random() < OFFER_ACCEPT_B:
            add(pick(rng, self.addons), qty=1, offer="cross-sell")
        for sku in lines:
            p = self.by_sku[sku]
            if p.family:
                owned[p.family] = max(owned.get(p.family, 0), p.tier)
        return [[sku, lines[sku], offers[sku]] for sku in lines]

    def discount_rate(self, c, first_order):
        rng = self.rng
        if c and first_order and c["channel"] == "email" and rng.random() < 0.5:
            return 0.15
        return 0.10 if rng.random() < 0.08 else 0.0

    def subtotal(self, lines, rate):
        return sum(round(self.by_sku[s].price * q, 2) - round(self.by_sku[s].price * q * rate, 2)
                   for s, q, _o in lines)

    def top_up(self, lines, rate):
        """Adds the cheapest-fitting small item so the subtotal reaches the threshold (when one fits)."""
        need = THRESHOLD - self.subtotal(lines, rate)
        present = {s for s, _q, _o in lines}
        fits = [p for p in self.small_items if p.price * (1 - rate) >= need and p.price <= need + 12
                and p.sku not in present]
        if fits:
            choice = pick(self.rng, [(p.sku, p.weight) for p in fits[:8]])
            lines.append([choice, 1, ""])

    # --- the whole store -------------------------------------------------------------------------------------

    def generate(self):
        rng = self.rng
        customers = self.make_customers()
        events = []
        for c in customers:
            if c["never_ordered"]:
                continue
            for t in self.order_times(c):
                if t >= START:
                    events.append((t, c["id"], t == c["first"], c))
        for _ in range(GUEST_ORDERS):
            events.append((seasonal_time(rng, START, END - timedelta(days=1)), "", True, None))
        events.sort(key=lambda e: (e[0], e[1]))

        states = {}
        orders = []
        for number, (t, cid, first, c) in enumerate(events, start=100001):
            in_experiment = EXPERIMENT_START <= t < EXPERIMENT_END
            guest_arm = "A" if self.assignment.random() < 0.5 else "B"
            variant = (c["variant"] if c else guest_arm) if in_experiment else ""
            lines = self.build_order(c, t, states.setdefault(cid or f"guest{number}", {}), variant)
            rate = self.discount_rate(c, first)
            after = t >= THRESHOLD_DATE
            if after and 30 <= self.subtotal(lines, rate) < THRESHOLD and rng.random() < TOPUP_PROBABILITY:
                self.top_up(lines, rate)
            sub = self.subtotal(lines, rate)
            fee = 0.0 if (after and sub >= THRESHOLD) else SHIPPING_FEE
            r = rng.random()
            status = "cancelled" if r < 0.012 else "refunded" if r < 0.030 else "paid"
            channel = pick(rng, ORDER_CHANNEL)
            country = c["country"] if c else pick(rng, COUNTRIES)
            orders.append({"id": str(number), "customer": cid, "time": t, "lines": lines, "rate": rate,
                           "fee": fee, "status": status, "channel": channel, "variant": variant,
                           "country": country})
        return customers, orders

    def order_rows(self, orders):
        rows = []
        for o in orders:
            for sku, qty, offer in o["lines"]:
                p = self.by_sku[sku]
                discount = round(p.price * qty * o["rate"], 2)
                rows.append([o["id"], o["customer"], o["time"].strftime("%Y-%m-%d %H:%M:%S"), sku, p.name, str(qty),
                             f"{p.price:.2f}", f"{p.cost:.2f}", f"{o['fee']:.2f}", f"{discount:.2f}", o["status"],
                             o["channel"], offer, o["variant"], o["country"]])
        # a handful of exact duplicate lines (an export glitch) for the cleaning report
        for index in sorted(self.rng.sample(range(len(rows)), DUPLICATE_LINES), reverse=True):
            rows.insert(index + 1, list(rows[index]))
        return rows


ORDER_HEADER = ["order_id", "customer_id", "created_at", "sku", "product_name", "quantity", "unit_price",
                "unit_cost", "shipping_fee", "discount", "status", "channel", "offer", "variant", "country"]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                                      "Datasets", "demo"))
    args = parser.parse_args(argv)
    out = os.path.normpath(args.out)
    os.makedirs(out, exist_ok=True)

    store = Store(args.seed)
    customers, orders = store.generate()
    rows = store.order_rows(orders)
    write_csv(os.path.join(out, "orders.csv"), ORDER_HEADER, rows)
    write_csv(os.path.join(out, "products.csv"),
              ["sku", "product_name", "category", "brand", "price", "cost", "inventory", "strategic"],
              [[p.sku, p.name, p.category, p.brand, f"{p.price:.2f}", f"{p.cost:.2f}", str(p.inventory),
                "true" if p.strategic else "false"] for p in store.products])
    write_csv(os.path.join(out, "customers.csv"), ["customer_id", "signup_date", "country", "channel"],
              [[c["id"], c["signup"].strftime("%Y-%m-%d"), c["country"], c["channel"]] for c in customers])
    write_readme(os.path.join(out, "README.md"), store, customers, orders, rows, seed=args.seed)
    print(f"wrote {len(rows)} order lines, {len(orders)} orders, {len(customers)} customers, "
          f"{len(store.products)} products to {out}")


if __name__ == "__main__":
    main()
