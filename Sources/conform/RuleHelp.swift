import ConformRules
import Foundation

/// Where each rule's definition can be read (SARIF `helpUri`): its place in its rule file. There
/// is no published web page per rule; `--help-base-uri` maps the bundled Rules/ directory to one
/// (e.g. a repository browser), else the URI is the rule file's own `file://` URI.
enum RuleHelp {
    static func uris(_ library: RulesLibrary, base: String?) -> [String: String] {
        let root = URL(fileURLWithPath: library.directory).standardizedFileURL.path
        var uris: [String: String] = [:]
        func uri(_ path: String, line: Int?) -> String {
            let file = URL(fileURLWithPath: path).standardizedFileURL
            let fragment = line.map { "#L\($0)" } ?? ""
            guard let base, file.path.hasPrefix(root + "/") else { return file.absoluteString + fragment }
            let relative = String(file.path.dropFirst(root.count + 1))
            let encoded = relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
            return (base.hasSuffix("/") ? base : base + "/") + encoded + fragment
        }
        for set in library.ruleSets {
            // The required tests are the manifest's requiredTests.
            uris["\(set.manifest.rulePrefix)/required-tests"] = uri(set.directory + "/manifest.yaml", line: nil)
            for rule in set.rules {
                uris[rule.id] = uri(rule.file, line: rule.line)
            }
        }
        return uris
    }
}
