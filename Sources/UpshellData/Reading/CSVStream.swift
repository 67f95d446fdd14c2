import Glibc
import UpshellCore

/// Delimited text that arrives in pieces — a database's rows as CSV, chunk after chunk in row order — parsed
/// as it comes into the typed columns ``CSVReader`` would read from the whole text at once, so the text itself
/// is never held: the first ``CSVReader/sampleRows`` rows are kept until the dialect, header and column types
/// are sniffed on them (as a file's are), then every piece is parsed into one set of column builders and
/// dropped.
///
/// Pieces must end at row ends. Feed from one thread at a time (the caller's lock); ``finish(path:progress:)``
/// once all pieces are in. Text that cannot be read this way — a value that breaks a decimal or date column's
/// guessed type (the column must be read again as text), a quoting problem, a layout only the whole text shows
/// (baskets) — throws ``CSVStream/WholeTextNeeded`` from `finish`, and the caller reads the rows again as one
/// CSV. Text shorter than the sample is read as one CSV, exactly as a file.
public final class CSVStream: @unchecked Sendable {
    /// The stream cannot give the same table as reading the whole text: read it as one CSV instead.
    public struct WholeTextNeeded: Error, Sendable {
        /// Why, for the profile.
        public let reason: String
    }

    let options: LoadOptions
    /// Rows the caller expects (the builders reserve room for them); 0 when unknown.
    public var expectedRows = 0
    /// The first bytes, until the sample is complete (all of them when the text is short).
    private var pending: [UInt8] = []
    private var pendingLines = 0
    private var plan: ReadPlan?
    private var parser: ChunkParser?
    /// Bytes fed before the current piece: offsets in the pieces are made offsets in the whole text.
    private var base = 0
    /// Lines before the current piece (the header's and the sample's, then one per row).
    private var linesBefore = 0
    /// Where each type break, impossible date or short row stands, by its offset in the whole text.
    private var placed: [Int: (line: Int, column: Int)] = [:]
    /// Pending lines at which to sniff again (the sample had fewer rows than lines: quoted line breaks).
    private var nextAttempt = CSVReader.sampleRows + 2
    private var unreadable: String?
    private var cancelled = false

    /// A stream read with the load options `options` (the same as for a file).
    public init(options: LoadOptions) { self.options = options }

    /// Parses `piece` (whole rows) after the pieces before it.
    public func feed(_ piece: UnsafeBufferPointer<UInt8>) {
        guard unreadable == nil, !cancelled, piece.count > 0 else { return }
        if parser != nil {
            scan(piece, from: 0, sample: false)
            return
        }
        pending.append(contentsOf: piece)
        pendingLines += Self.lines(in: piece)
        if pendingLines >= nextAttempt { startParsing() }
    }

    /// The table read from every piece fed. Throws ``WholeTextNeeded`` when the text must be read as one CSV,
    /// ``CancelledError`` after Ctrl-C, or the reader's errors (`path` names the source in them).
    func finish(path: String, progress: any ProgressReporter) throws -> CSVReadResult {
        if cancelled { throw CancelledError() }
        if let unreadable { throw WholeTextNeeded(reason: unreadable) }
        guard let plan, self.parser != nil else {
            let bytes = pending
            pending = []
            return try DatasetLoader.readTable(file: { FileBytes.memory(bytes) }, path: path, options: options, progress: progress)
        }
        // the builders' only owner from here on, so merging frees them as it goes
        var parts = [self.parser!]
        self.parser = nil
        let timer = PhaseTimer("read")
        let breaks = CSVReader.earliestBreaks(parts, columnCount: plan.columnCount)
        if !CSVReader.unify(&parts, columnCount: plan.columnCount).isEmpty {
            throw WholeTextNeeded(reason: "a column's guessed type broke: it must be read again as text")
        }
        let csv = DatasetLoader.csvOptions(options)
        let placed = self.placed
        return try CSVReader.assemble(&parts, plan: plan, breaks: breaks, options: csv, path: path, timer: timer, progress: progress,
                                      position: { offset in
                                          let at = placed[offset] ?? (1, 1)
                                          return FilePosition(path: path, line: at.line, column: at.column)
                                      },
                                      textAfterQuote: { _, _ in nil })
    }

    /// Sniffs on the pending sample when it holds enough rows, parses it and drops it.
    private func startParsing() {
        let options = DatasetLoader.csvOptions(self.options)
        let ready: ReadPlan?? = pending.withUnsafeBufferPointer { buf in
            if buf.count >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF { return nil }
            if memchr(buf.baseAddress!, 0, buf.count) != nil { return nil }
            if DatasetLoader.readsAsBaskets(FileBytes.memory(Array(buf)), options: self.options) { return nil }
            guard let plan = try? CSVReader.plan(buf, start: 0, path: "", options: options) else { return nil }
            // the whole sample a file's read takes (header included); fewer rows than lines: quoted line breaks, wait for more
            guard plan.dataRows.count + (plan.header ? 1 : 0) == CSVReader.sampleRows + 1 else { return .some(nil) }
            return .some(plan)
        }
        guard let ready else {
            unreadable = "the first rows need the whole text (a byte-order mark, NUL bytes, baskets or an error to place)"
            pending = []
            return
        }
        guard let plan = ready else {
            nextAttempt = pendingLines * 2
            return
        }
        self.plan = plan
        parser = ChunkParser(kinds: plan.kinds, decimalComma: plan.dialect.decimalComma, expectedRows: max(expectedRows, 1024))
        let sample = pending
        pending = []
        sample.withUnsafeBufferPointer { scan($0, from: plan.dataStart, sample: true) }
    }

    /// Parses `piece[from...]`, then places what the builders noticed in it and forgets its bytes. `sample`: the
    /// piece is the kept sample, header included.
    private func scan(_ piece: UnsafeBufferPointer<UInt8>, from: Int, sample: Bool) {
        guard var parser, let plan else { return }
        self.parser = nil   // parsed in place: no copy of the builders
        let before = parser.builders.map { ($0.typeBreak == nil, $0.impossibleDate == nil) }
        let raggedBefore = parser.ragged.count
        let rowsBefore = parser.rows
        let outcome = FieldScanner.scan(piece, from: from, to: piece.count, dialect: plan.dialect, sink: &parser)
        if outcome.unterminatedQuote != nil || outcome.strayQuote || outcome.end != piece.count {
            unreadable = "a quote or row end the stream cannot place"
        }
        if parser.cancelled { cancelled = true }
        for c in parser.builders.indices {
            if before[c].0, let offset = parser.builders[c].typeBreak?.offset {
                parser.builders[c].typeBreak?.offset = place(offset, in: piece)
            }
            if before[c].1, let date = parser.builders[c].impossibleDate {
                parser.builders[c].impossibleDate = (place(date.offset, in: piece), date.text)
            }
            parser.builders[c].forgetPrevious()
        }
        for k in raggedBefore..<parser.ragged.count { parser.ragged[k].offset = place(parser.ragged[k].offset, in: piece) }
        // the sample's lines were counted with its header; later pieces add a line per row
        linesBefore = sample ? Self.lines(in: piece) : linesBefore + parser.rows - rowsBefore
        base += piece.count
        self.parser = parser
    }

    /// The offset in the whole text of `offset` in `piece`, with its line and column noted for messages.
    private func place(_ offset: Int, in piece: UnsafeBufferPointer<UInt8>) -> Int {
        let local = CSVReader.position(piece, offset, path: "")
        let global = base + offset
        placed[global] = (linesBefore + local.line, local.column)
        return global
    }

    /// The line breaks in `piece` (the line of its end, less one).
    private static func lines(in piece: UnsafeBufferPointer<UInt8>) -> Int { CSVReader.position(piece, piece.count, path: "").line - 1 }
}
