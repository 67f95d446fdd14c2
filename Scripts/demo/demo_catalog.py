"""The demo store's catalogue: categories, brands, tiered families, planted pairs and filler products.

Everything here is data plus one deterministic builder (`build_catalog(rng)`); the order simulation lives in
generate_demo_store.py.
"""

from dataclasses import dataclass, field

CATEGORIES = [
    # name, share of first items in an order (before seasonality), sku prefix
    ("Coffee & Tea", 0.20, "COF"),
    ("Kitchen", 0.15, "KIT"),
    ("Laptops & Computing", 0.09, "CMP"),
    ("Phone & Tablet", 0.14, "PHN"),
    ("Audio", 0.10, "AUD"),
    ("Home & Living", 0.13, "HOM"),
    ("Outdoor & Travel", 0.10, "OUT"),
    ("Stationery & Office", 0.09, "STA"),
]

BRANDS = {
    "Coffee & Tea": ["Morrow & Finch", "Kaffeewerk", "Dunmore Roasters"],
    "Kitchen": ["Hearthline", "Ferro", "Casa Olmo"],
    "Laptops & Computing": ["Lumen", "Northbyte", "Keystroke"],
    "Phone & Tablet": ["Lumen", "Gripwell", "Voltix"],
    "Audio": ["Sonora", "Aurelle", "Voltix"],
    "Home & Living": ["Linden & Co", "Hygge Home", "Casa Olmo"],
    "Outdoor & Travel": ["Trailmark", "Fjellvik"],
    "Stationery & Office": ["Papier Atelier", "Inkwell", "Northbyte"],
}

HOUSE_BRAND = "Upshop Basics"


@dataclass
class Product:
    sku: str
    name: str
    category: str
    brand: str
    price: float
    cost: float
    weight: float  # relative popularity inside its category
    consumable: bool = False  # bought in quantities and again and again
    family: str = ""  # good-better-best family id, "" if none
    tier: int = 0  # 1 good, 2 better, 3 best
    addon: bool = False  # cheap accessory shown as an add-on / cross-sell offer
    inventory: int = 0
    strategic: bool = False
    extra: dict = field(default_factory=dict)


# Good-better-best families: (family id, category, brand, [(name, price)], tier shares for ordinary customers)
TIER_FAMILIES = [
    ("grinder", "Coffee & Tea", "Kaffeewerk",
     [("Burr coffee grinder Essential", 39.0), ("Burr coffee grinder Plus", 69.0), ("Burr coffee grinder Pro", 129.0)],
     (0.30, 0.50, 0.20), 2.2),
    ("kettle", "Coffee & Tea", "Morrow & Finch",
     [("Gooseneck kettle Basic", 29.0), ("Gooseneck kettle Temp", 49.0), ("Gooseneck kettle Smart", 89.0)],
     (0.35, 0.45, 0.20), 1.6),
    ("headphones", "Audio", "Sonora",
     [("Over-ear headphones Studio", 59.0), ("Over-ear headphones ANC", 129.0),
      ("Over-ear headphones ANC Pro", 249.0)],
     (0.30, 0.48, 0.22), 2.4),
    ("blender", "Kitchen", "Hearthline",
     [("Countertop blender 600W", 49.0), ("Countertop blender 1000W", 89.0), ("Countertop blender Vacuum 1500W", 179.0)],
     (0.33, 0.47, 0.20), 1.8),
    ("backpack", "Outdoor & Travel", "Trailmark",
     [("Daypack 18L", 45.0), ("Daypack 24L", 75.0), ("Daypack 30L Weatherproof", 119.0)],
     (0.32, 0.46, 0.22), 1.8),
    ("monitor", "Laptops & Computing", "Northbyte",
     [("Monitor 24in FHD", 149.0), ("Monitor 27in QHD", 279.0), ("Monitor 27in 4K", 449.0)],
     (0.34, 0.46, 0.20), 1.5),
]

# Planted cross-sell pairs: anchor (name, price, weight) → partner (name, price); partner added with prob p.
PLANTED_PAIRS = [
    ("pair-espresso", "Coffee & Tea", "Dunmore Roasters",
     ("Barista espresso machine", 449.0, 1.3), ("Descaling solution 500ml", 9.95), 0.50),
    ("pair-laptop", "Laptops & Computing", "Lumen",
     ("USB-C laptop 14in", 899.0, 2.0), ("Laptop sleeve 14in", 29.0), 0.55),
    ("pair-dripper", "Coffee & Tea", "Morrow & Finch",
     ("Ceramic pour-over dripper", 24.0, 1.8), ("Paper filters #2 (100 pack)", 6.5), 0.60),
    ("pair-torch", "Kitchen", "Ferro",
     ("Crème brûlée torch", 34.0, 1.2), ("Butane refill can 250ml", 7.95), 0.55),
    ("pair-stove", "Outdoor & Travel", "Fjellvik",
     ("Compact camping stove", 59.0, 1.4), ("Gas canister 230g", 8.5), 0.55),
]

# Hand-written products per category: (name, price, weight, consumable, addon)
CORE = {
    "Coffee & Tea": [
        ("Espresso beans House blend 1kg", 24.0, 6.0, True, False),
        ("Espresso beans Colombia 1kg", 27.0, 3.5, True, False),
        ("Espresso beans Ethiopia Yirgacheffe 1kg", 31.0, 2.5, True, False),
        ("Espresso beans Decaf 1kg", 26.0, 1.2, True, False),
        ("Filter coffee House blend 250g", 8.5, 4.0, True, False),
        ("Filter coffee Kenya AA 250g", 11.0, 2.0, True, False),
        ("Filter coffee Guatemala 250g", 10.0, 1.8, True, False),
        ("Loose-leaf tea Earl Grey 100g", 7.5, 2.0, True, False),
        ("Loose-leaf tea Sencha 100g", 9.0, 1.4, True, False),
        ("Loose-leaf tea Rooibos 100g", 6.5, 1.2, True, False),
        ("Masala chai blend 100g", 7.0, 1.2, True, False),
        ("Compact espresso machine", 199.0, 1.0, False, False),
        ("French press 1L", 32.0, 1.6, False, False),
        ("French press 350ml", 22.0, 1.0, False, False),
        ("Cold brew maker 1.5L", 36.0, 0.9, False, False),
        ("Milk frother handheld", 14.0, 1.4, False, True),
        ("Coffee scale with timer", 29.0, 1.1, False, False),
        ("Espresso tamper 58mm", 19.0, 0.7, False, True),
        ("Knock box", 21.0, 0.5, False, False),
        ("Vanilla syrup 250ml", 6.0, 1.0, True, True),
        ("Caramel syrup 250ml", 6.0, 0.9, True, True),
        ("Stoneware mug 350ml Slate", 14.0, 1.5, False, True),
        ("Stoneware mug 350ml Sand", 14.0, 1.3, False, True),
        ("Double-wall glass 250ml (2 pack)", 18.0, 1.0, False, False),
        ("Travel mug 400ml", 22.0, 1.5, False, False),
        ("Tea infuser stainless", 8.0, 0.9, False, True),
        ("Matcha whisk set", 24.0, 0.6, False, False),
    ],
    "Kitchen": [
        ("Chef's knife 20cm", 59.0, 2.0, False, False),
        ("Paring knife 9cm", 19.0, 1.4, False, True),
        ("Bread knife 23cm", 39.0, 1.0, False, False),
        ("Whetstone 1000/6000", 34.0, 0.8, False, False),
        ("Cast-iron skillet 26cm", 45.0, 1.8, False, False),
        ("Non-stick frying pan 28cm", 39.0, 2.0, False, False),
        ("Stainless saucepan 2L", 42.0, 1.1, False, False),
        ("Dutch oven 5L", 89.0, 1.2, False, False),
        ("Bamboo cutting board large", 29.0, 1.6, False, False),
        ("Silicone spatula set", 15.0, 1.4, False, True),
        ("Digital kitchen scale", 22.0, 1.5, False, False),
        ("Instant-read thermometer", 19.0, 1.2, False, True),
        ("Mixing bowls set of 3", 32.0, 1.0, False, False),
        ("Ramekins set of 6", 24.0, 0.9, False, False),
        ("Pepper mill oak", 26.0, 1.0, False, False),
        ("Olive oil pourer", 12.0, 0.8, False, True),
        ("Beeswax wraps (3 pack)", 16.0, 1.3, True, True),
        ("Dish brush with refill", 9.0, 1.4, True, True),
        ("Linen tea towels (2 pack)", 18.0, 1.2, False, True),
        ("Stand mixer 5L", 299.0, 0.8, False, False),
        ("Hand mixer 5-speed", 45.0, 0.9, False, False),
        ("Food storage jars (4 pack)", 28.0, 1.3, False, False),
        ("Pizza stone 33cm", 36.0, 0.8, False, False),
        ("Salad spinner", 24.0, 0.9, False, False),
    ],
    "Laptops & Computing": [
        ("USB-C laptop 16in", 1299.0, 0.9, False, False),
        ("Ultralight laptop 13in", 1099.0, 0.8, False, False),
        ("Chromebook 14in", 349.0, 1.0, False, False),
        ("Wireless mouse", 25.0, 3.0, False, True),
        ("Ergonomic vertical mouse", 45.0, 1.0, False, False),
        ("Mechanical keyboard TKL", 89.0, 1.4, False, False),
        ("Wireless keyboard slim", 49.0, 1.5, False, False),
        ("USB-C hub 7-in-1", 39.0, 2.4, False, True),
        ("USB-C charger 65W", 45.0, 1.8, False, False),
        ("USB-C cable 2m", 12.0, 3.0, False, True),
        ("Laptop stand aluminium", 39.0, 1.5, False, False),
        ("Webcam 1080p", 59.0, 1.2, False, False),
        ("Portable SSD 1TB", 99.0, 1.5, False, False),
        ("Portable SSD 2TB", 169.0, 0.8, False, False),
        ("microSD card 128GB", 18.0, 1.6, False, True),
        ("Desk mat XL", 24.0, 1.1, False, True),
        ("Screen cleaning kit", 9.0, 1.2, True, True),
        ("Laptop sleeve 16in", 35.0, 0.5, False, False),
    ],
    "Phone & Tablet": [
        ("Phone case clear", 19.0, 4.0, False, True),
        ("Phone case leather", 39.0, 2.0, False, False),
        ("Phone case rugged", 29.0, 1.8, False, False),
        ("Screen protector glass (2 pack)", 12.0, 3.5, False, True),
        ("Wireless charger pad 15W", 29.0, 2.0, False, False),
        ("Wireless charger stand 15W", 39.0, 1.3, False, False),
        ("USB-C wall charger 30W", 22.0, 2.5, False, True),
        ("Power bank 10000mAh", 35.0, 2.4, False, False),
        ("Power bank 20000mAh", 55.0, 1.3, False, False),
        ("Car phone mount", 19.0, 1.5, False, True),
        ("Tablet 11in 128GB", 449.0, 1.0, False, False),
        ("Tablet folio case 11in", 39.0, 0.9, False, False),
        ("Stylus pen", 49.0, 0.9, False, False),
        ("Phone grip ring", 9.0, 1.3, False, True),
        ("Lightning to USB-C cable 1m", 15.0, 1.6, False, True),
        ("Smartwatch band silicone", 15.0, 1.4, False, True),
        ("Smartwatch band woven", 25.0, 0.9, False, False),
        ("Selfie stick tripod", 25.0, 0.9, False, False),
    ],
    "Audio": [
        ("Wireless earbuds", 79.0, 3.0, False, False),
        ("Wireless earbuds Pro", 149.0, 1.5, False, False),
        ("Earbud silicone tips (3 sizes)", 9.0, 1.0, False, True),
        ("Bluetooth speaker mini", 39.0, 2.2, False, False),
        ("Bluetooth speaker outdoor", 99.0, 1.3, False, False),
        ("Smart speaker", 89.0, 1.1, False, False),
        ("Turntable belt-drive", 199.0, 0.6, False, False),
        ("Headphone stand walnut", 29.0, 0.8, False, True),
        ("Headphone case hard", 19.0, 0.9, False, True),
        ("3.5mm audio cable 1.5m", 8.0, 1.3, False, True),
        ("USB microphone", 79.0, 0.8, False, False),
        ("Soundbar compact", 179.0, 0.7, False, False),
        ("Wired earphones", 19.0, 1.4, False, True),
        ("Kids' headphones volume-limited", 29.0, 0.8, False, False),
    ],
    "Home & Living": [
        ("Scented candle Cedar 200g", 22.0, 2.5, True, True),
        ("Scented candle Fig 200g", 22.0, 2.0, True, True),
        ("Scented candle Sea salt 200g", 22.0, 1.6, True, True),
        ("Linen throw blanket", 69.0, 1.2, False, False),
        ("Wool throw blanket", 89.0, 0.9, False, False),
        ("Cushion cover velvet 45cm", 24.0, 1.8, False, False),
        ("Cushion insert 45cm", 12.0, 1.2, False, True),
        ("Ceramic vase medium", 34.0, 1.1, False, False),
        ("Table lamp brass", 79.0, 0.9, False, False),
        ("LED bulb E27 warm (4 pack)", 16.0, 1.9, True, True),
        ("Photo frame 13x18", 15.0, 1.3, False, True),
        ("Wall clock minimal", 39.0, 0.8, False, False),
        ("Diffuser reeds Lavender", 26.0, 1.2, True, False),
        ("Bath towel organic", 29.0, 1.4, False, False),
        ("Storage basket seagrass", 32.0, 1.0, False, False),
        ("Doormat coir", 25.0, 0.9, False, False),
        ("Indoor plant pot 17cm", 19.0, 1.3, False, True),
        ("Houseplant feed 250ml", 7.0, 1.0, True, True),
        ("Fairy lights 10m", 18.0, 1.2, False, True),
    ],
    "Outdoor & Travel": [
        ("Insulated bottle 750ml", 29.0, 3.0, False, False),
        ("Insulated bottle 500ml", 25.0, 2.0, False, False),
        ("Packing cubes (4 pack)", 29.0, 1.6, False, False),
        ("Travel adapter universal", 25.0, 1.8, False, True),
        ("Neck pillow memory foam", 24.0, 1.2, False, False),
        ("Headlamp 300lm", 29.0, 1.3, False, False),
        ("Camping lantern", 35.0, 0.9, False, False),
        ("Trekking poles (pair)", 59.0, 0.8, False, False),
        ("Microfibre towel L", 22.0, 1.3, False, True),
        ("Rain jacket packable", 89.0, 1.0, False, False),
        ("Sleeping bag 3-season", 119.0, 0.7, False, False),
        ("Titanium spork", 9.0, 1.0, False, True),
        ("First-aid kit compact", 19.0, 1.1, False, True),
        ("Dry bag 20L", 24.0, 0.9, False, False),
        ("Picnic blanket waterproof", 39.0, 0.9, False, False),
        ("Luggage tag leather", 12.0, 0.8, False, True),
    ],
    "Stationery & Office": [
        ("Dotted notebook A5", 14.0, 3.0, True, True),
        ("Lined notebook A5", 14.0, 2.0, True, True),
        ("Weekly planner 2026", 22.0, 1.6, False, False),
        ("Gel pens black (5 pack)", 8.0, 2.5, True, True),
        ("Fountain pen steel nib", 29.0, 1.0, False, False),
        ("Ink cartridges blue (10)", 6.0, 1.0, True, True),
        ("Desk organiser oak", 39.0, 0.9, False, False),
        ("Monitor riser bamboo", 45.0, 0.8, False, False),
        ("Sticky notes (6 pads)", 7.0, 1.6, True, True),
        ("Highlighters pastel (6)", 9.0, 1.4, True, True),
        ("Document wallet A4", 12.0, 1.0, False, True),
        ("Desk lamp LED", 49.0, 1.0, False, False),
        ("Office chair cushion", 35.0, 0.8, False, False),
        ("Whiteboard 60x45", 39.0, 0.7, False, False),
        ("Washi tape set", 11.0, 1.0, False, True),
        ("Leather pencil case", 25.0, 0.8, False, False),
    ],
}

# Filler templates per category to reach a realistic catalogue size: (base name, price range, variants)
FILLERS = {
    "Coffee & Tea": ("Single-origin beans {v} 250g", (9.0, 14.0), ["Brazil", "Peru", "Sumatra", "Rwanda",
                                                                  "Honduras", "Costa Rica", "Burundi"]),
    "Kitchen": ("Silicone baking mat {v}", (11.0, 19.0), ["half sheet", "quarter sheet", "round", "macaron"]),
    "Laptops & Computing": ("HDMI cable {v}", (9.0, 19.0), ["1m", "2m", "3m", "5m"]),
    "Phone & Tablet": ("Phone case {v}", (19.0, 29.0), ["Sage", "Navy", "Coral", "Charcoal", "Lilac", "Ochre"]),
    "Audio": ("Vinyl record cleaning {v}", (9.0, 29.0), ["brush", "fluid 250ml", "kit"]),
    "Home & Living": ("Tea light candles {v}", (6.0, 12.0), ["unscented (50)", "vanilla (24)", "cedar (24)",
                                                          "citronella (12)"]),
    "Outdoor & Travel": ("Carabiner {v}", (6.0, 14.0), ["small", "large", "locking", "twin pack"]),
    "Stationery & Office": ("Greeting card {v}", (4.0, 6.0), ["birthday", "thank you", "congratulations", "blank",
                                                            "holiday", "new home"]),
}


def round_price(x):
    """Retail price ending in .00, .50 or .95 for fillers."""
    whole = int(x)
    frac = x - whole
    return whole + (0.0 if frac < 0.3 else 0.5 if frac < 0.7 else 0.95)


def build_catalog(rng):
    """All products, in sku order, with costs, inventory and strategic flags drawn from `rng`."""
    products = []
    counters = {name: 0 for name, _, _ in CATEGORIES}
    prefix = {name: p for name, _, p in CATEGORIES}

    def add(name, category, brand, price, weight, consumable=False, family="", tier=0, addon=False, extra=None):
        counters[category] += 1
        sku = f"{prefix[category]}-{counters[category]:03d}"
        margin = rng.uniform(0.35, 0.62) if not consumable else rng.uniform(0.45, 0.70)
        if brand == HOUSE_BRAND:
            margin = min(0.75, margin + 0.12)
        cost = round(price * (1 - margin), 2)
        p = Product(sku, name, category, brand, round(price, 2), cost, weight, consumable, family, tier, addon,
                    extra=extra or {})
        products.append(p)
        return p

    for fam, category, brand, tiers, _shares, weight in TIER_FAMILIES:
        for level, (name, price) in enumerate(tiers, start=1):
            add(name, category, brand, price, weight, family=fam, tier=level)
    for pair_id, category, brand, (a_name, a_price, a_weight), (b_name, b_price), _p in PLANTED_PAIRS:
        add(a_name, category, brand, a_price, a_weight, extra={"anchor_of": pair_id})
        add(b_name, category, brand, b_price, 0.25, consumable=True, extra={"partner_of": pair_id})
    for category, items in CORE.items():
        brands = BRANDS[category]
        for i, (name, price, weight, consumable, addon) in enumerate(items):
            brand = HOUSE_BRAND if (consumable and i % 3 == 0) else brands[i % len(brands)]
            add(name, category, brand, price, weight, consumable=consumable, addon=addon)
    for category, (template, (lo, hi), variants) in FILLERS.items():
        brands = BRANDS[category]
        for i, v in enumerate(variants):
            add(template.format(v=v), category, brands[i % len(brands)], round_price(rng.uniform(lo, hi)),
                rng.uniform(0.25, 0.7), consumable=True, addon=True)

    for p in products:
        r = rng.random()
        p.inventory = rng.randint(0, 4) if r < 0.08 else rng.randint(5, 40) if r < 0.35 else rng.randint(41, 400)
        p.strategic = p.brand == HOUSE_BRAND or (p.family != "" and p.tier == 2) or rng.random() < 0.05
    products.sort(key=lambda p: p.sku)
    return products
