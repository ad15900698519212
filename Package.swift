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
// Release builds of the project's own modules (measured over the benchmark archive, outputs
// byte-identical):
// - object lifetimes as the language defines them: an object may be freed after its last use,
//   not only at the end of its variable's scope ("lexical lifetimes", the compiler's default since
//   Swift 5.7, keep every variable's object to the end of its scope and so keep reference counts
//   the optimizer could otherwise drop): 10 % fewer reference counts per report, 1.6 % fewer
//   instructions. Code that hands a Swift object to C or needs it alive to a point says so itself
//   (`Unmanaged.passRetained` with a deferred release, `withExtendedLifetime`), as the language's
//   rules require anyway. Debug builds, and so the test suite, keep lexical lifetimes: CI's fuzzing
//   runs these modules release-built under AddressSanitizer, and the README shows how to run the
//   release `conform` under it;
// - whole cross-module optimization: the bodies of these modules' functions are available to the
//   modules that call them (the writers, the evaluator and the decoder call across modules for
//   every value), 0.9 % fewer instructions and 3.5 % less CPU time.
// Flags of the compiler: allowed in a root package, not in a dependency.
let releaseOptimizations: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-enable-lexical-lifetimes=false", "-cross-module-optimization"], .when(configuration: .release)),
]

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
        .target(name: "ConformXML", dependencies: ["CLibXML2"], swiftSettings: releaseOptimizations),
        .target(name: "ConformModel", swiftSettings: releaseOptimizations),
        .target(name: "ConformFindings", dependencies: ["ConformModel"], swiftSettings: releaseOptimizations),
        .target(name: "ConformBTR", dependencies: ["ConformXML", "ConformModel", "ConformFindings"], swiftSettings: releaseOptimizations),
        .target(
            name: "ConformRules",
            dependencies: ["ConformModel", "ConformFindings", "Yams", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: releaseOptimizations
        ),
        .target(
            name: "ConformCheck",
            dependencies: [
                "ConformBTR", "ConformModel", "ConformFindings", "ConformRules",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: releaseOptimizations
        ),
        .target(name: "ConformOutput", dependencies: ["ConformFindings", "ConformModel"], swiftSettings: releaseOptimizations),
        .target(
            name: "ConformStore",
            dependencies: [
                "ConformFindings", "ConformOutput",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: releaseOptimizations
        ),
        .executableTarget(
            name: "conform",
            dependencies: [
                "ConformCheck", "ConformOutput", "ConformFindings", "ConformRules", "ConformStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: releaseOptimizations
        ),
        .executableTarget(
            name: "conform-rule-benchmark",
            dependencies: ["ConformBTR", "ConformModel", "ConformFindings", "ConformRules", "ConformOutput"],
            path: "Benchmarks/RuleEvaluation",
            swiftSettings: releaseOptimizations
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
