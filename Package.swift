// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "codescore",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "codescore", targets: ["codescore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // config + tasks: model registry, task format, content hashes
        .target(
            name: "CodescoreConfig",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // results: the record schema, run manifest, JSONL store, CSV
        .target(name: "CodescoreResults", dependencies: ["CodescoreConfig"]),
        // providers: one file per model API behind one protocol
        .target(
            name: "CodescoreProviders",
            dependencies: [
                "CodescoreConfig",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]
        ),
        // sandbox: untrusted code under bubblewrap with limits, via the launcher below
        .target(
            name: "CodescoreSandbox",
            dependencies: ["CodescoreConfig", .product(name: "Subprocess", package: "swift-subprocess")]
        ),
        // scorers: code extraction, checks and mutants in the sandbox, JUnit reports, pass@k
        .target(name: "CodescoreScoring", dependencies: ["CodescoreConfig", "CodescoreSandbox"]),
        // statistics: pure numerical code for the gate (tests, intervals, power), no I/O
        .target(name: "CodescoreStatistics"),
        // gate: baselines, policy, pairing over tasks, verdicts (statistics from CodescoreStatistics)
        .target(name: "CodescoreGate", dependencies: ["CodescoreConfig", "CodescoreResults", "CodescoreStatistics"]),
        // reports: JUnit XML (and, next, the PR summary, CI annotations)
        .target(
            name: "CodescoreReports",
            dependencies: ["CodescoreConfig", "CodescoreGate", "CodescoreResults", "CodescoreScoring", "CodescoreStatistics",
                           "CCodescoreZlib"]
        ),
        // judge: rubric prompt, vote parsing and voting, manipulation flags; calls go through a backend
        .target(name: "CodescoreJudge", dependencies: ["CodescoreConfig", "CodescoreResults", "CodescoreProviders", "CodescoreStatistics"]),
        // wrapper: external benchmark harnesses; one result parser per harness output format, pass@k over them
        .target(
            name: "CodescoreWrapper",
            dependencies: ["CodescoreConfig", "CodescoreResults", "CodescoreSandbox", "CodescoreScoring",
                           .product(name: "Subprocess", package: "swift-subprocess")]
        ),
        // runner: scheduling, limits, retries, response cache, progress; runs the scorers and the judge
        .target(
            name: "CodescoreRunner",
            dependencies: ["CodescoreConfig", "CodescoreResults", "CodescoreProviders", "CodescoreScoring", "CodescoreJudge"]
        ),
        // the commands; the executable only calls into this
        .target(
            name: "CodescoreCLI",
            dependencies: [
                "CodescoreConfig", "CodescoreResults", "CodescoreProviders", "CodescoreRunner", "CodescoreSandbox",
                "CodescoreScoring", "CodescoreGate", "CodescoreReports", "CodescoreJudge", "CodescoreStatistics", "CodescoreWrapper", "CCodescoreSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "codescore", dependencies: ["CodescoreCLI"]),
        // the launcher placed inside each sandbox (and in front of bubblewrap to drop root): plain C, linked
        // statically so it needs nothing from the sandbox's file system and starts as one small exec. SwiftPM
        // links it with swiftc: -nostartfiles leaves out the Swift start-up object (nothing then pulls in the
        // runtime), -static-executable makes the clang linker driver link libc statically.
        .executableTarget(
            name: "codescore-sandbox-exec",
            linkerSettings: [.unsafeFlags(["-nostartfiles", "-static-executable"], .when(platforms: [.linux]))]
        ),
        // prctl and other variadic system calls Swift cannot call directly
        .target(name: "CCodescoreSystem"),
        // gzip for the dashboard's drill-down data: the system zlib (swift-nio-extras links it already)
        .target(name: "CCodescoreZlib", linkerSettings: [.linkedLibrary("z")]),

        .testTarget(name: "CodescoreConfigTests", dependencies: ["CodescoreConfig"]),
        .testTarget(
            name: "CodescoreRunnerTests",
            dependencies: ["CodescoreConfig", "CodescoreResults", "CodescoreProviders", "CodescoreRunner"]
        ),
        .testTarget(name: "CodescoreGateTests", dependencies: ["CodescoreGate", "CodescoreResults", "CodescoreStatistics"]),
        .testTarget(name: "CodescoreStatisticsTests", dependencies: ["CodescoreStatistics"]),
        .testTarget(name: "CodescoreReportsTests", dependencies: ["CodescoreReports", "CodescoreGate", "CodescoreResults", "CodescoreConfig"]),
        .testTarget(name: "CodescoreJudgeTests", dependencies: ["CodescoreJudge", "CodescoreConfig", "CodescoreProviders", "CodescoreStatistics"]),
        .testTarget(
            name: "CodescoreScoringTests",
            dependencies: ["CodescoreScoring", "CodescoreConfig", "CodescoreGate", "CodescoreReports", "CodescoreResults"]
        ),
        .testTarget(name: "CodescoreSandboxTests", dependencies: ["CodescoreSandbox", "CodescoreConfig"]),
        .testTarget(name: "CodescoreWrapperTests", dependencies: ["CodescoreWrapper", "CodescoreConfig", "CodescoreScoring"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["codescore", "CodescoreConfig", "CodescoreResults"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
