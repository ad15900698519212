import ConformFindings

/// One self-contained HTML page for people (no request leaves the page: inline CSS, inline SVG,
/// a small inline script): the batch at a glance (verdict counts, the rules that fail most by
/// standard), a table of reports that sorts and filters, then each report's findings that are not
/// passes, with their evidence, line numbers and clauses. Only what the page shows is kept while
/// the batch runs: a row per report and its non-passing findings (at most 200 per report).
public struct HTMLReporter: FindingsReporter {
    struct Row {
        let path: String
        let reportID: String?
        let verdict: Verdict
        let claimed: String?
        let counts: [Verdict: Int]
        let findings: [Finding]
        let omitted: Int
    }

    private var rows: [Row] = []
    private var failingRules: [String: (standard: String, title: String, count: Int)] = [:]
    static let maxFindingsPerReport = 200

    public init() {}

    public mutating func format(_ outcome: ReportOutcome) -> [UInt8] {
        let shown = outcome.findings.filter { $0.verdict != .pass && $0.verdict != .notApplicable }
        for finding in shown where finding.verdict == .fail || finding.verdict == .conditionalFail {
            let standard = finding.ruleset.map { "\($0.standard) \($0.edition)" } ?? "conform"
            failingRules[finding.rule, default: (standard, finding.title ?? finding.rule, 0)].count += 1
        }
        rows.append(Row(path: outcome.path, reportID: outcome.reportID, verdict: outcome.verdict, claimed: outcome.claimed,
                        counts: outcome.counts, findings: Array(shown.prefix(Self.maxFindingsPerReport)),
                        omitted: max(0, shown.count - Self.maxFindingsPerReport)))
        return []
    }

    public mutating func finish(_ summary: BatchSummary) -> [UInt8] {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        html += "<title>conform: \(summary.reports) reports</title>\n<style>\(Self.css)</style>\n</head>\n<body>\n"
        html += "<header><h1>conform</h1><p>\(summary.reports) reports checked against "
        html += summary.rulesets.map { "\(esc($0.id)) (version \(esc($0.version)))" }.joined(separator: ", ")
        html += " · conform \(ToolInfo.version)</p></header>\n"
        html += glance(summary)
        html += table()
        html += details()
        html += "<script>\(Self.script)</script>\n</body>\n</html>\n"
        return Array(html.utf8)
    }

    // MARK: sections

    private func glance(_ summary: BatchSummary) -> String {
        var html = "<section id=\"glance\"><h2>At a glance</h2>\n<div class=\"tiles\">"
        for verdict in Verdict.listingOrder where verdict != .notApplicable {
            let count = summary.verdicts[verdict] ?? 0
            html += "<div class=\"tile v-\(verdict.rawValue)\"><b>\(count)</b><span>\(verdict.rawValue)</span></div>"
        }
        html += "</div>\n"
        // A stacked bar of the report verdicts.
        let total = max(1, summary.reports)
        var x = 0.0
        html += "<svg class=\"bar\" viewBox=\"0 0 1000 24\" role=\"img\" aria-label=\"report verdicts\">"
        for verdict in Verdict.listingOrder {
            let count = summary.verdicts[verdict] ?? 0
            guard count > 0 else { continue }
            let width = 1000.0 * Double(count) / Double(total)
            html += "<rect x=\"\(fmt(x))\" y=\"0\" width=\"\(fmt(width))\" height=\"24\" class=\"f-\(verdict.rawValue)\"><title>\(verdict.rawValue): \(count)</title></rect>"
            x += width
        }
        html += "</svg>\n"
        // The rules that fail most, by standard.
        let top = failingRules.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }.prefix(15)
        html += "<h3>Rules that fail most</h3>\n"
        if top.isEmpty {
            html += "<p>No rule failed.</p>\n"
        } else {
            let standards = Array(Set(top.map(\.value.standard))).sorted()
            let most = Double(top.first?.value.count ?? 1)
            let legendRows = (standards.count + 3) / 4
            html += "<svg class=\"chart\" viewBox=\"0 0 1000 \(top.count * 22 + 8 + legendRows * 18)\" role=\"img\" aria-label=\"rules that fail most\">"
            for (i, entry) in top.enumerated() {
                let y = i * 22
                let width = 560.0 * Double(entry.value.count) / most
                let colour = standards.firstIndex(of: entry.value.standard) ?? 0
                html += "<text x=\"0\" y=\"\(y + 15)\" class=\"label\">\(esc(entry.key))</text>"
                html += "<rect x=\"400\" y=\"\(y + 3)\" width=\"\(fmt(width))\" height=\"16\" class=\"s\(colour % 6)\"><title>\(esc(entry.value.title)): \(entry.value.count)</title></rect>"
                html += "<text x=\"\(fmt(408 + width))\" y=\"\(y + 15)\" class=\"count\">\(entry.value.count)</text>"
            }
            for (i, standard) in standards.enumerated() {
                let legendX = (i % 4) * 240, legendY = top.count * 22 + 18 + (i / 4) * 18
                html += "<rect x=\"\(legendX)\" y=\"\(legendY - 10)\" width=\"10\" height=\"10\" class=\"s\(i % 6)\"/>"
                html += "<text x=\"\(legendX + 14)\" y=\"\(legendY)\" class=\"label\">\(esc(standard))</text>"
            }
            html += "</svg>\n"
        }
        return html + "</section>\n"
    }

    private func table() -> String {
        var html = "<section id=\"reports\"><h2>Reports</h2>\n"
        html += "<p class=\"filters\"><input id=\"filter\" type=\"search\" placeholder=\"filter by path, report id or rule\"/> "
        html += "<select id=\"verdict\"><option value=\"\">every verdict</option>"
        for verdict in Verdict.listingOrder where verdict != .notApplicable {
            html += "<option value=\"\(verdict.rawValue)\">\(verdict.rawValue)</option>"
        }
        html += "</select> <span id=\"shown\"></span></p>\n"
        html += "<table id=\"table\"><thead><tr><th data-k=\"0\">report</th><th data-k=\"1\">report id</th><th data-k=\"2\">verdict</th>"
        html += "<th data-k=\"3\">lab claims</th><th data-k=\"4\" data-n=\"1\">fail or error</th><th data-k=\"5\" data-n=\"1\">incomplete</th><th data-k=\"6\" data-n=\"1\">pass</th></tr></thead>\n<tbody>\n"
        for (i, row) in rows.enumerated() {
            let failing = (row.counts[.fail] ?? 0) + (row.counts[.conditionalFail] ?? 0) + (row.counts[.error] ?? 0)
            let rules = Set(row.findings.map(\.rule)).sorted().joined(separator: " ")
            html += "<tr data-verdict=\"\(row.verdict.rawValue)\" data-rules=\"\(esc(rules))\">"
            html += row.findings.isEmpty ? "<td>\(esc(row.path))</td>" : "<td><a href=\"#r\(i)\">\(esc(row.path))</a></td>"
            html += "<td>\(esc(row.reportID ?? ""))</td><td class=\"v-\(row.verdict.rawValue)\">\(row.verdict.rawValue)</td>"
            html += "<td>\(esc(row.claimed ?? ""))</td><td>\(failing)</td><td>\(row.counts[.incomplete] ?? 0)</td>"
            html += "<td>\((row.counts[.pass] ?? 0) + (row.counts[.conditionalPass] ?? 0))</td></tr>\n"
        }
        return html + "</tbody></table></section>\n"
    }

    private func details() -> String {
        var html = "<section id=\"findings\"><h2>Findings that are not passes</h2>\n"
        for (i, row) in rows.enumerated() where !row.findings.isEmpty {
            html += "<details id=\"r\(i)\" class=\"report\"><summary><span class=\"v-\(row.verdict.rawValue)\">\(row.verdict.rawValue)</span> "
            html += "\(esc(row.path))\(row.reportID.map { " · \(esc($0))" } ?? "")</summary>\n<ul>\n"
            for finding in row.findings {
                html += "<li class=\"finding\"><span class=\"v-\(finding.verdict.rawValue)\">\(finding.verdict.rawValue)</span> "
                html += "<code>\(esc(finding.rule))</code>"
                if let set = finding.ruleset { html += " · \(esc(set.standard)) \(esc(set.edition))" }
                if let clause = finding.clause { html += " clause \(esc(clause))" }
                if let test = finding.test { html += " · test \(esc(test))" }
                if let line = finding.primaryLine { html += " · line \(line)" }
                if finding.confidence == "uncertain" { html += " · <em>uncertain rule</em>" }
                html += "<p>\(esc(finding.message))</p>"
                if !finding.evidence.isEmpty {
                    html += "<table class=\"evidence\">"
                    for evidence in finding.evidence {
                        let value: String
                        switch evidence.value {
                        case .number(let n)?: value = NumberFormatting.text(n)
                        case .boolean(let b)?: value = b ? "true" : "false"
                        case .text(let t)?: value = t
                        case nil: value = ""
                        }
                        html += "<tr><td>\(esc(evidence.name))</td><td>\(esc(value))\(evidence.unit.map { " \(esc($0))" } ?? "")"
                        html += "\(evidence.uncertainty.map { " ± \(NumberFormatting.text($0))" } ?? "")</td>"
                        html += "<td>\(evidence.line.map { "line \($0)" } ?? "")</td><td><code>\(esc(evidence.xpath ?? ""))</code></td></tr>"
                    }
                    html += "</table>"
                }
                html += "</li>\n"
            }
            if row.omitted > 0 { html += "<li>… and \(row.omitted) more (see the JSONL or CSV output)</li>\n" }
            html += "</ul></details>\n"
        }
        return html + "</section>\n"
    }

    private func esc(_ text: String) -> String { XMLText.escaped(text) }

    private func fmt(_ value: Double) -> String { NumberFormatting.text((value * 10).rounded() / 10) }

    static let css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:0 2em 4em;color:#222}header{border-bottom:1px solid #ddd}
        h1{margin:.4em 0 0}.tiles{display:flex;gap:.6em;flex-wrap:wrap}.tile{padding:.4em .9em;border-radius:6px;background:#f3f3f3}
        .tile b{display:block;font-size:1.6em}svg.bar{width:100%;height:24px;margin:1em 0}svg.chart{width:100%;max-width:1000px}
        .label,.count{font-size:12px}.f-pass,.s1{fill:#2e7d32}.f-conditional-pass{fill:#9ccc65}.f-conditional-fail{fill:#ffb74d}
        .f-fail,.s0{fill:#c62828}.f-incomplete{fill:#9e9e9e}.f-error{fill:#6a1b9a}.s2{fill:#1565c0}.s3{fill:#ef6c00}.s4{fill:#00838f}.s5{fill:#6d4c41}
        .v-pass{color:#2e7d32}.v-conditional-pass{color:#689f38}.v-conditional-fail{color:#e65100}.v-fail{color:#c62828;font-weight:bold}
        .v-incomplete{color:#616161}.v-error{color:#6a1b9a;font-weight:bold}table{border-collapse:collapse}
        #table th{cursor:pointer;text-align:left;border-bottom:2px solid #ccc;padding:.2em .6em}#table td{padding:.15em .6em;border-bottom:1px solid #eee}
        details.report{margin:.4em 0}details.report summary{cursor:pointer}li.finding p{margin:.2em 0}
        table.evidence td{padding:0 .6em;font-size:12px;color:#555}input,select{font:inherit}
        """

    /// Sorting by a column (click its header) and filtering by text and verdict, over rows
    /// already in the page; no request leaves it.
    static let script = """
        (function(){var t=document.getElementById('table'),b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),
        f=document.getElementById('filter'),v=document.getElementById('verdict'),s=document.getElementById('shown'),dir={};
        function apply(){var q=f.value.toLowerCase(),w=v.value,n=0;rows.forEach(function(r){
        var ok=(!w||r.getAttribute('data-verdict')===w)&&(!q||r.textContent.toLowerCase().indexOf(q)!==-1||
        r.getAttribute('data-rules').toLowerCase().indexOf(q)!==-1);r.style.display=ok?'':'none';if(ok){n++}});
        s.textContent=n+' of '+rows.length+' reports';}
        Array.prototype.forEach.call(t.tHead.rows[0].cells,function(h){h.addEventListener('click',function(){
        var k=+h.getAttribute('data-k'),num=h.hasAttribute('data-n'),d=dir[k]=-(dir[k]||-1);
        rows.sort(function(x,y){var a=x.cells[k].textContent,c=y.cells[k].textContent;
        return d*(num?(+a)-(+c):a.localeCompare(c));});rows.forEach(function(r){b.appendChild(r)});});});
        f.addEventListener('input',apply);v.addEventListener('change',apply);apply();})();
        """
}
