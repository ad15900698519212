/// The language of the messages a run writes (`--lang`): rule files carry English and Chinese;
/// details quoted from libxml2 or the operating system stay in their own (English) words.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case en
    case zh
}
