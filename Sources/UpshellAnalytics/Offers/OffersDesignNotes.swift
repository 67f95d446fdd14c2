// Offers: recommendations for a product, a cart or a customer, with business rules, and their offline
// evaluation against a popularity baseline (issue 16).
//
// Units (`PurchaseUnits`): compressed sparse rows of distinct product ids — one row per order, or one per
// customer (the union of their orders; each guest order is a unit of its own). Product ids are the order
// model's; non-product lines (postage, fees) are never items.
//
// Item–item co-occurrence (`CoOccurrenceModel`): for each item i the units holding it are walked through
// an inverted index and the co-counts c(i,j) gathered in a dense scratch row (touched entries reset), so
// the full item × item matrix is never held; only the top-N neighbours per item by the chosen measure are
// kept. The units are first regrouped by item (`PartnerLists`: each item's co-bought items, one list read
// sequentially, ids as UInt16 when there are ≤ 65,536 products, built in blocks of bounded memory); the
// top-N is selected with 128-bit rank keys and a cut that skips partners surely below it unscored
// (`NeighbourSelection`). Sources: Sarwar, Karypis, Konstan & Riedl 2001, "Item-based collaborative filtering recommendation
// algorithms", WWW'01 §3.1; Deshpande & Karypis 2004, ACM TOIS 22(1) — top-N item-based. With n_i units
// holding i, N units:
//   cosine     c / √(n_i·n_j)                 (binary vectors: Sarwar et al. eq. 1)
//   jaccard    c / (n_i + n_j − c)
//   lift       c·N / (n_i·n_j)                (PMI = ln lift)
//   confidence c / n_i                         (frequently bought together: the basket engine's conf A→B)
// Ranking within a row: measure, then co-count, then product id (all descending but the id).
// Scoring a context C (a cart, or the other products of an order): score(j) = Σ_{i∈C} sim(i,j) over the
// kept neighbours (Deshpande & Karypis §4.2), j ∉ C.
//
// Content (`ContentSimilarity`): 0.5·[same category] + 0.3·[same brand] + 0.2·price closeness, where
// price closeness = max(0, 1 − |ln(p_j/p_i)|/ln 2) (1 at the same price, 0 at twice or half); a candidate
// needs the same category or brand.
// Hybrid: item–item suggestions whose evidence (co-purchases with the context) is at least the stated
// minimum, then content, then popular, each labelled with its source.
// Popular: products ranked by the number of training units holding them, ties by product id.
// User-based (`CustomerHistories`): the 30 customers nearest by cosine over binary purchase sets, a product
// scored by the summed similarity of the neighbours who bought it (Herlocker et al. 1999, SIGIR'99).
// Sequences (`PurchaseSequences`): per customer, the first order with the anchor; each product of a later
// order counts once, at its first such order; days as type-7 quartiles.
// Upsell (`UpsellCandidates`): same category, price step within the band, same brand first — names are
// never read.
// Policy (`OfferPolicy`): filters (stock, declines, already bought, checkout band, relevance), then
// score = relevance × ((1 − w) + w·margin) × boost, re-ranked within each source tier, cut at k; a method
// is asked for max(4k, k + 32) candidates first and for all of them only when the policy removed too many.
//
// Evaluation (`RecommendationEvaluation`): the protocol of issue 16 — temporal cut, one query per product
// of a test order with ≥ 2 distinct products that occurs in training; hit/precision/recall/MAP/NDCG@k with
// one relevant item per query; Wilson 95 % interval on the hit rate (Wilson 1927).
