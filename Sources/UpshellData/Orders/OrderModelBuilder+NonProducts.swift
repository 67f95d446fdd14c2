extension OrderModelBuilder {
    /// Finds the non-product products of `model` (``NonProductRule``; or, when `known` is given, those
    /// codes: a filtered view keeps its parent's finding), counts their kept lines in `report` and, under
    /// `non-product=drop`, drops those lines and assembles the model again. Returns the codes found.
    static func separateNonProducts(_ model: inout OrderModel, _ report: inout CleaningReport, _ keep: inout [Bool],
                                    table: Table, roles: RoleMapping, policy: CleaningPolicy, lines: LineColumns,
                                    known: [String]?) throws -> Set<String> {
        let products = model.products
        guard products.count > 0, let column = productColumn(roles) else { return [] }
        let flags: [Bool]
        if let known {
            let codes = Set(known)
            flags = products.key.map { codes.contains($0) }
        } else {
            flags = NonProductRule.detect(products)
        }
        guard flags.contains(true) else { return [] }
        // the same dense ids as the assembly: products in order of first appearance among kept lines
        let productOf = DenseIds.assign(table, column: column, keep: keep).ids
        var linesOf = [Int](repeating: 0, count: products.count)
        for p in productOf where p >= 0 { linesOf[Int(p)] += 1 }
        let found = products.key.indices.filter { flags[$0] }
        report.nonProductLines = found.reduce(0) { $0 + linesOf[$1] }
        report.nonProductCodes = found.sorted { a, b in
            linesOf[a] != linesOf[b] ? linesOf[a] > linesOf[b] : products.key[a] < products.key[b]
        }.map { products.key[$0] }
        if policy.nonProduct == .drop {
            for i in keep.indices where productOf[i] >= 0 && flags[Int(productOf[i])] { keep[i] = false }
            report.droppedLines += report.nonProductLines
            model = try assemble(table: table, roles: roles, keep: keep, lines: lines)
        }
        return Set(report.nonProductCodes)
    }

    /// Marks the products whose code is in `codes` as left out of baskets (`non-product=out-of-baskets`).
    static func markOutOfBaskets(_ model: inout OrderModel, codes: Set<String>, policy: CleaningPolicy) {
        guard policy.nonProduct == .outOfBaskets, !codes.isEmpty else { return }
        model.products.outOfBaskets = model.products.key.map { codes.contains($0) }
    }
}
