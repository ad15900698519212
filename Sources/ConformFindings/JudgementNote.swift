/// A remark on how a judgement was reached, put into words (in the run's language) only when a
/// message is made: evaluations that pass without a message pay for one string at most.
public enum JudgementNote: Sendable, Equatable {
    /// The guarded decision rule met a value without an uncertainty, and decided as simple.
    case decidedAsSimple(value: String?)
    /// What `within(x, centre, tolerance)` required, e.g. `150 J ± 3 J`.
    case required(String)

    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.decidedAsSimple(let value), .en): "no uncertainty was given for \(value ?? "the value"), so the guarded rule decided as simple"
        case (.decidedAsSimple(let value), .zh): "\(value ?? "该数值")未给出不确定度，因此保护带判定规则按简单判定规则判定"
        case (.required(let range), .en): "required: \(range)"
        case (.required(let range), .zh): "要求：\(range)"
        }
    }
}
