// swift-tools-version: 6.0
import PackageDescription

// Architecture (one concept per module):
//   CLibXML2        system library: libxml2's C API (pkg-config libxml-2.0)
//   ConformXML      the only module that touches libxml2: safe parsing into a plain element tree, XSD validation
//   ConformModel    the report model, quantities and units: knows nothing of XML
//   ConformFindings findings, verdicts and their aggregation: what every output is built from
//                   (evidence cites the report model's places: ConformModel)
//   ConformBTR      the BTR-XML 1 decoder: element tree -> report model (+ findings for unreadable values)
//   ConformRules    the Rules/ directory: vocabulary, units (and, later, rule sets): knows nothing of XML
//   ConformCheck    the check pipeline: inputs, bytes, hashes, decode, evaluate, one outcome per report
//   ConformOutput   output formats, built from findings alone
//   ConformStore    the audit store (SQLite through GRDB): runs, reports, findings; reuse, summaries, merge
//   conform         the command line
// Object lifetimes as the language defines them: an object may be freed after its last use, not
// only at the end of the variable's scope ("lexical lifetimes", the compiler's default since Swift
// 5.7, which keeps every variable's object to the end of its scope and so counts references that
// the optimizer could otherwise drop: 10 % fewer reference counts per report, 2 % fewer
// instructions). Code that hands a Swift object to C or needs it alive to a point says so itself
// (`Unmanaged.passRetained` with a deferred release, `withExtendedLifetime`), as it must under the
// language's rules anyway. Release builds only: CI's fuzzing runs these modules so built under
// AddressSanitizer, and the README shows how to run the release `conform` under it. A flag of the
// compiler's front end: allowed in a root package, not in a dependency.
let lifetimes: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-enable-lexical-lifetimes=false"], .when(configuration: .release))]

let package = Package(
    name: "conform",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "conform", targets: ["conform"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "ConformXML", dependencies: ["CLibXML2"], swiftSettings: lifetimes),
        .target(name: "ConformModel", swiftSettings: lifetimes),
        .target(name: "ConformFindings", dependencies: ["ConformModel"], swiftSettings: lifetimes),
        .target(name: "ConformBTR", dependencies: ["ConformXML", "ConformModel", "ConformFindings"], swiftSettings: lifetimes),
        .target(
            name: "ConformRules",
            dependencies: ["ConformModel", "ConformFindings", "Yams", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: lifetimes
        ),
        .target(
            name: "ConformCheck",
            dependencies: [
                "ConformBTR", "ConformModel", "ConformFindings", "ConformRules",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: lifetimes
        ),
        .target(name: "ConformOutput", dependencies: ["ConformFindings", "ConformModel"], swiftSettings: lifetimes),
        .target(
            name: "ConformStore",
            dependencies: [
                "ConformFindings", "ConformOutput",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: lifetimes
        ),
        .executableTarget(
            name: "conform",
            dependencies: [
                "ConformCheck", "ConformOutput", "ConformFindings", "ConformRules", "ConformStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: lifetimes
        ),
        .executableTarget(
            name: "conform-rule-benchmark",
            dependencies: ["ConformBTR", "ConformModel", "ConformFindings", "ConformRules", "ConformOutput"],
            path: "Benchmarks/RuleEvaluation",
            swiftSettings: lifetimes
        ),
        .executableTarget(
            name: "conform-fuzz",
            dependencies: ["ConformBTR", "ConformCheck", "ConformFindings", "ConformRules"],
            path: "Tests/Fuzz",
            exclude: ["README.md", "regressions"]
        ),
        .testTarget(
            name: "ConformTests",
            dependencies: [
                "conform", "ConformXML", "ConformModel", "ConformFindings", "ConformBTR",
                "ConformRules", "ConformCheck", "ConformOutput", "ConformStore",
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
