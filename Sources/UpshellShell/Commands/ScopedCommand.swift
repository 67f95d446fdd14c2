import UpshellData

/// A command that works on a set of orders: its `init` reads the scope from the line (`data=`, `where`,
/// `segment=`) into an ``OrderScope``, and the interpreter resolves that scope once, before the command
/// runs (``Session/run(_:)``), so no command looks up datasets, filters or segments itself.
protocol ScopedCommand: ShellCommand {
    /// Which orders the command works on, as written on the line.
    var orderScope: OrderScope { get }
    /// Runs on the orders the interpreter resolved from ``orderScope``.
    func run(in session: Session, on orders: ResolvedOrderScope) throws -> CommandOutput
    /// What the command needs that a dataset loaded with `aggregate=server` does not hold (it has one row
    /// per order, the product table and the pairs above a floor), or `nil` when it runs on those exactly.
    /// Checked once, in ``Session/run(_:)``, before the command runs.
    var lineLevelNeed: String? { get }
}

extension ScopedCommand {
    /// By default a command needs the order lines: only commands that work on whole orders and customers say otherwise.
    var lineLevelNeed: String? { "the order lines (the products in each order)" }

    /// Resolves the scope, then runs (for callers other than the interpreter, e.g. a parent's form).
    func run(in session: Session) throws -> CommandOutput {
        try run(in: session, on: session.resolve(orderScope))
    }
}

extension Session {
    /// Runs `command`: the form a parent chose (`clv fit`) stands in for the parent, and a command that
    /// works on orders gets its scope resolved here, once, before its own work starts. Bands of no width
    /// are left out of the result (``CommandOutput/withoutDegenerateBands()``). Money is shown in the
    /// currency of the command's dataset (``Session/currencySymbol(for:)``).
    func run(_ command: any ShellCommand) throws -> CommandOutput {
        var target = command
        while let parent = target as? any CommandWithForms { target = parent.form }
        var output: CommandOutput
        if let scoped = target as? any ScopedCommand {
            let orders = try resolve(scoped.orderScope)
            if orders.parent.serverAggregates != nil, let need = scoped.lineLevelNeed {
                throw ServerAggregatesError.needsLines("'\(Swift.type(of: target).spec.name)'", need: need, dataset: orders.parent.name)
            }
            renderSettings.currency = currencySymbol(for: orders.parent)
            output = try scoped.run(in: self, on: orders)
        } else {
            renderSettings.currency = currencySymbol(for: try? datasets.resolve(nil))
            output = try target.run(in: self)
        }
        output = output.withoutDegenerateBands()
        if output.currency == nil { output.currency = renderSettings.currency }
        return output
    }
}
