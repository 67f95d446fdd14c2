// Baskets — design note
//
// Transactions (`Transactions`): baskets in compressed sparse rows (CSR) of dense item ids, sorted and
// distinct within a basket, built once from the order model at product, category or brand level and
// optionally restricted to a set of orders (a segment). Baskets without items are not transactions.
// Items (`BasketItems`): products the model marks out of baskets (non-product lines — postage, fees,
// placeholders — found by UpshellData's `NonProductRule` under the default cleaning) are no items; they stay
// in order values. With `caseInsensitive` (`items=upper`) products whose keys differ only in letter case are
// one item. On UCI Online Retail these two give the reference's counts (19,773 baskets, 3,803 items, 888 rules
// at 1 %/50 %); what was left out or kept apart is reported (`LeftOutLines`, `caseVariants`) for the notes.
//
// Pairs (`PairCounter`, `PairAnalysis`): one pass over the baskets adds 1 to every co-occurring pair in a
// dense upper-triangular matrix of 32-bit counters (items renumbered by descending frequency, so busy pairs
// share cache lines), or a hash map when the matrix would pass 64 M cells. Metrics follow Agrawal et al.
// (1993) for support and confidence, Brin et al. (1997) for lift and conviction, Piatetsky-Shapiro (1991) for
// leverage. Top-k by a bounded heap, never a full sort.
//
// Frequent itemsets (`FrequentItemsetMiner`): depth-first Eclat over tid-lists with "occurrence deliver"
// (Uno, Kiyomi & Arimura, LCM ver. 2, FIMI 2004): for a prefix P with tid-list T(P), one scan of the baskets
// in T(P) builds the tid-lists of all extensions at once, so no two long lists are ever merged. Items are
// ranked by ascending frequency and a prefix is extended only by higher ranks, so the rarest item leads and
// T(P) is short. Chosen over FP-growth because it needs no tree rebuilds per conditional base, its memory is
// one flat buffer per depth, and on sparse retail data it is as fast (Borgelt's comparisons, FIMI 2003/2004).
// Results live in a prefix tree whose children are contiguous and sorted, so any itemset's count is found
// by walking it (binary search per level): rules and redundancy tests need no hash of item arrays.
//
// Rules (`AssociationRules`): single-item consequents, rule support = support of antecedent ∪ consequent,
// non-empty antecedents (R arules' convention; Hahsler, Grün & Hornik 2005). Minimum support is compared as
// count ≥ ceil(s·N). A rule X ⇒ y is redundant when some X′ ⊊ X, X′ ≠ ∅, has conf(X′ ⇒ y) ≥ conf(X ⇒ y)
// (arules' is.redundant), tested exactly in integers.
