// swift-tools-version:6.0
// Tollgate: a compliance checker for marketing technology stacks.
import PackageDescription

let package = Package(
    name: "Tollgate",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tollgate", targets: ["tollgate"]),
        .library(name: "TollgateKit", targets: ["TollgateKit"]),
        .library(name: "TollgateRules", targets: ["TollgateRules"]),
        .library(name: "TollgateHistory", targets: ["TollgateHistory"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Audit history (tollgate-history.sqlite); links the system SQLite (libsqlite3-dev).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C libraries of the system, reached through pkg-config; see ARCHITECTURE "C boundaries".
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "TollgateKit",
            dependencies: [
                "COpenSSL",
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "TollgateRules",
            dependencies: ["TollgateKit"]
        ),
        // Audit history in SQLite, kept out of TollgateKit so the checker library stays light.
        .target(
            name: "TollgateHistory",
            dependencies: [
                "TollgateKit",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "tollgate",
            dependencies: [
                "TollgateKit",
                "TollgateRules",
                "TollgateHistory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers more than one test target needs (running the openssl tool); not a product.
        .target(
            name: "TollgateTestSupport",
            path: "Tests/TollgateTestSupport"
        ),
        .testTarget(
            name: "TollgateKitTests",
            dependencies: ["TollgateKit", "TollgateRules", "TollgateTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "TollgateRulesTests",
            dependencies: ["TollgateKit", "TollgateRules"]
        ),
        .testTarget(
            name: "TollgateHistoryTests",
            dependencies: [
                "TollgateKit", "TollgateRules", "TollgateHistory", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "TollgateCLITests",
            dependencies: ["TollgateKit", "TollgateTestSupport"]
        ),
    ]
)
