// Arbitrary bytes as one YAML rule file, loaded with the shipped lexicon through
// RuleSetLoader.load(files:). It must return a rule set or throw a RuleLoadError whose diagnostics
// all have line ≥ 1 and column ≥ 1 (and a non-empty message and code); never crash or hang (run.sh
// passes -timeout). A rule set that loads also analyzes and suggests for a few messages, with
// every score in [0, 1].
import FuzzSupport
import Kefu
import KefuRules

let lexicon = FuzzSupport.shippedLexicon
let probes = ["这件背心L号多长？能包邮吗", "身高165体重110斤穿什么码", "能便宜点吗", "hello 😀 [微笑] 123"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let yaml = FuzzSupport.text(data, size)
    let files = [lexicon, RuleSetLoader.File(name: "Fuzz/input.yaml", text: yaml)]
    do {
        let rules = try RuleSetLoader.load(files: files)
        for probe in probes {
            let (suggestion, _) = rules.suggest(probe)
            FuzzSupport.check(suggestion, messages: [probe] + [yaml])  // fuzzed templates may hold anything
        }
    } catch {
        FuzzSupport.require(!error.diagnostics.isEmpty, "RuleLoadError without diagnostics")
        for diagnostic in error.diagnostics {
            FuzzSupport.require(diagnostic.line >= 1 && diagnostic.column >= 1,
                                "diagnostic at line \(diagnostic.line), column \(diagnostic.column): \(diagnostic)")
            FuzzSupport.require(!diagnostic.message.isEmpty && !diagnostic.code.isEmpty,
                                "diagnostic without a message or code: \(diagnostic)")
        }
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
    FuzzSupport.warmUp(fuzz, ["", "intents:\n  - id: x\n    match:\n      - any: [a]\n", "- ["])
    return 0
}
