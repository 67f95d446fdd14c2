import Testing
@testable import UpshellData

/// The parallel order aggregation against a plain per-order dictionary fold (a second method), on
/// random orders with repeated products, missing products and unsorted lines, serial and in pieces.
@Suite struct OrderAggregationTests {
    struct Case {
        var input: OrderLineInputs
        /// Per order: product → (units, value), and the order's totals.
        var expected: [(basket: [Int32: (units: Double, value: Double)], units: Double, value: Double, time: Int64, customer: Int32)]
    }

    static func randomCase(orders: Int, seed: UInt64) -> Case {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        var offsets: [Int32] = [0], rows: [Int32] = [], productOf: [Int32] = []
        var quantity: [Double] = [], price: [Double] = [], times: [Int64] = [], customerOf: [Int32] = []
        var expected: [(basket: [Int32: (units: Double, value: Double)], units: Double, value: Double, time: Int64, customer: Int32)] = []
        // rows are laid out in reverse order to make rowsInOrder a real indirection
        var lineCount = 0
        var perOrder: [[Int]] = []
        for _ in 0..<orders {
            let n = next(40) == 0 ? 30 + next(10) : 1 + next(6)  // some baskets above the insertion-sort size
            perOrder.append(Array(lineCount..<lineCount + n))
            lineCount += n
        }
        for _ in 0..<lineCount {
            productOf.append(next(9) == 0 ? -1 : Int32(next(25)))  // few products: repeats within an order
            quantity.append(Double(1 + next(4)))
            price.append(Double(next(10_000)) / 100)
            times.append(Int64(1_700_000_000 + next(1_000_000)))
            customerOf.append(Int32(next(50)))
        }
        for lines in perOrder {
            var basket: [Int32: (units: Double, value: Double)] = [:]
            var units = 0.0, value = 0.0, time = Int64.max
            for i in lines {
                let row = lineCount - 1 - i
                rows.append(Int32(row))
                let v = quantity[row] * price[row]
                units += quantity[row]; value += v
                time = min(time, times[row])
                if productOf[row] >= 0 {
                    let old = basket[productOf[row]] ?? (0, 0)
                    basket[productOf[row]] = (old.units + quantity[row], old.value + v)
                }
            }
            offsets.append(Int32(rows.count))
            expected.append((basket, units, value, time, customerOf[lineCount - 1 - lines[0]]))
        }
        let input = OrderLineInputs(offsets: offsets, rowsInOrder: rows, productOf: productOf, quantity: LineNumbers(quantity),
                                    total: nil, price: LineNumbers(price), unitCost: nil, shippingFee: nil, times: .i64(times),
                                    customerOf: customerOf)
        return Case(input: input, expected: expected)
    }

    @Test(arguments: [1, 2, 4])
    func matchesAPlainFold(threads: Int) throws {
        let c = Self.randomCase(orders: 3_000, seed: 7)
        let r = try OrderAggregation.run(c.input, threads: threads)
        #expect(r.offsets.count == c.expected.count + 1)
        #expect(r.items.count == Int(r.offsets.last!))
        for (o, e) in c.expected.enumerated() {
            let range = Int(r.offsets[o])..<Int(r.offsets[o + 1])
            let items = Array(r.items[range])
            #expect(items == e.basket.keys.sorted(), "order \(o)")
            for (k, p) in items.enumerated() {
                let want = e.basket[p]!
                #expect(Double(r.quantities[range.lowerBound + k]) == want.units)
                #expect(abs(r.values[range.lowerBound + k] - want.value) < 1e-9)
            }
            let t = r.totals[o]
            #expect(Int(t.entries) == items.count)
            #expect(t.units == e.units)
            #expect(abs(t.value - e.value) < 1e-9)
            #expect(t.time == e.time)
            #expect(t.customer == e.customer)
            #expect(t.cost.isNaN && t.shipping.isNaN)
        }
    }

    /// No orders (every line dropped): empty baskets, one offset.
    @Test func noOrders() throws {
        let input = OrderLineInputs(offsets: [0], rowsInOrder: [], productOf: [], quantity: nil, total: nil, price: nil,
                                    unitCost: nil, shippingFee: nil, times: nil, customerOf: nil)
        let r = try OrderAggregation.run(input)
        #expect(r.totals.isEmpty && r.offsets == [0] && r.items.isEmpty && r.values.isEmpty)
    }

    /// Ranges cover every order once, in order, with roughly equal line counts.
    @Test func splitCoversEveryOrderOnce() {
        let offsets: [Int32] = [0, 5, 6, 7, 30, 31, 32, 40]
        for pieces in 1...10 {
            let ranges = OrderAggregation.split(offsets, pieces: pieces)
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == 7)
            for k in 1..<ranges.count { #expect(ranges[k - 1].upperBound == ranges[k].lowerBound && !ranges[k].isEmpty) }
        }
        #expect(OrderAggregation.split([0], pieces: 4).isEmpty)
    }
}
