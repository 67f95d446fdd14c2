// Fuzz target: the command language — the lexer (quotes, escapes, `;`, comments, line joins, `$variables`),
// argument checking against a spec with every kind of option, and the value
// parsers behind typed options.
import UpshellCore
@testable import UpshellShell

let kinds: [ValueKind] = [.text, .integer, .number, .share, .money, .range, .list, .date, .duration,
                          .choice(["auto", "lines"]), .boolean, .cell, .product, .column]
let spec = CommandSpec(name: "probe", group: .shell, abstract: "fuzz probe",
                       options: kinds.enumerated().map { OptionSpec("o\($0.offset)", $0.element, "option \($0.offset)") },
                       flags: [FlagSpec("all", "a flag")], examples: [])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ pointer: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: pointer, count: size), as: UTF8.self)
    do {
        let commands = try Lexer.commands(in: text) { name in name == "x" ? "1 2" : name == "q" ? "\"a b\"" : nil }
        for command in commands {
            _ = command.rawText(fromToken: 1)
            _ = command.rawText(from: 1, to: command.tokens.count)
            for token in command.tokens {
                let t = token.text
                _ = (ValueParser.number(t), ValueParser.integer(t), ValueParser.share(t), ValueParser.money(t))
                _ = (ValueParser.range(t), ValueParser.date(t), ValueParser.duration(t), ValueParser.boolean(t), ValueParser.cell(t))
                _ = (token.keyValue, token.listItems)
            }
            if let args = try? Arguments(spec: spec, command: command) { _ = args.positionals.count }
        }
    } catch let e as any UserFacingError {
        _ = e.message + (e.hint ?? "")
    } catch {}
    return 0
}
